"""What the association does with personal data, said in the document's language.

The access report (and the processing register) tells the person why the data is
kept, who receives it and for how long. Most of it follows from what the app does;
the rest is read from this catalogue and the preferences (is a story folder shared,
is an e-mail server used, how long backups and messages are kept, who organises).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from visitplanner.i18n import N_, translation_for
from visitplanner.settings import load_settings
from visitplanner.store.database import Catalogue


@dataclass(frozen=True)
class Section:
    title: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class Notice:
    controller: str  # the association's organiser, as set in the preferences
    contact: str  # their e-mail, or ""
    sections: tuple[Section, ...]


PURPOSES = (
    N_(
        "Organising learning visits, seminars, meetings and workshops: invitations, "
        "replies, participant lists and waiting lists (legitimate interest of the association)."
    ),
    N_(
        "Proving to funders that the events took place: attendance sheets and activity "
        "reports (legal and contractual obligations towards funders)."
    ),
    N_(
        "Writing the debriefs and the shared story of the collective: quotes and photos "
        "only with the person’s consent, which can be withdrawn at any time."
    ),
    N_("Keeping a directory of the network’s partners and contacts (legitimate interest)."),
)

CATEGORIES = (
    N_("Identity and contact: name, e-mail, phone, organisation, function, actor type."),
    N_("Participation: events, role, replies, waiting list, attendance per half-day."),
    N_("Contributions: quotes, photos, follow-up actions, mentions in the shared story."),
    N_(
        "Consents: to photos, to quotes and to being named in the shared story, each with its "
        "scope and the days it was given and withdrawn."
    ),
    N_("Messages sent: invitations, updates, cancellations and notices about a place."),
)

RECIPIENT_TEAM = N_("The association’s coordinators who use this catalogue.")
RECIPIENT_FUNDERS = N_(
    "Funders: attendance sheets (names and organisations) and activity reports (figures)."
)
RECIPIENT_EVENTS = N_(
    "Hosts and other participants of the events one takes part in: the participant list."
)
RECIPIENT_STORY = N_(
    "Coordinators of partner networks who share the story folder: the story entries "
    "(author, and quotes of people who agreed to be quoted)."
)
RECIPIENT_MAIL = N_("The e-mail server used to send invitations ({server}).")

KEEP_PEOPLE = N_(
    "Contact record: reviewed when the person has taken part in nothing for {years} "
    "years, then erased unless there is a reason to keep it."
)
KEEP_MESSAGES = N_("Text of the messages sent: erased {days} days after sending.")
KEEP_ATTENDANCE = N_(
    "Participations and attendance: kept as long as funders may ask for proof; after "
    "an erasure only anonymous head counts remain."
)
KEEP_BACKUPS = N_(
    "Backups of the catalogue: the daily copies are kept {days} days; an erased person "
    "remains in older copies until they are purged."
)

RIGHTS = (
    N_(
        "You may ask for a copy of your data, have it corrected or erased, object to its "
        "use, and withdraw a consent at any time; the association answers within one month."
    ),
    N_(
        "You may also lodge a complaint with the CNIL (www.cnil.fr), the French data "
        "protection authority."
    ),
)

SECURITY = (
    N_("The catalogue, its backups and exports are readable by their owner’s account alone."),
    N_("Every file is written whole or not at all; daily backups of the catalogue."),
    N_("No server: the data stays on the coordinators’ computers unless they share it."),
    N_("Passwords of the e-mail server are kept in the system keyring, never in a file."),
)
# A team catalogue lives on a database server: the first and third lines above are untrue.
SECURITY_TEAM = (
    N_("Exports and access reports are readable by their owner’s account alone."),
    SECURITY[1],
    N_(
        "Team catalogue on the database server {server}: each coordinator signs in with a "
        "database account, its password kept in the system keyring only when they ask; the "
        "record of who changed what keeps field names, never their values."
    ),
    SECURITY[3],
)


def security_measures(catalogue: Catalogue, tr: Any) -> tuple[str, ...]:
    """The security lines that hold for this catalogue (a file, or a team's server)."""
    if catalogue.is_sqlite:
        return tuple(tr.gettext(s) for s in SECURITY)
    return tuple(tr.gettext(s).format(server=server_name(catalogue)) for s in SECURITY_TEAM)


def server_name(catalogue: Catalogue) -> str:
    """The team server's host name; a Unix socket (no host) is this computer's own server."""
    return catalogue.url.host or "localhost"


TITLES = {
    "purposes": N_("Purposes"),
    "categories": N_("Categories of data"),
    "recipients": N_("Recipients"),
    "retention": N_("Retention periods"),
    "security": N_("Security measures"),
    "rights": N_("Your rights"),
}


def processing_notice(catalogue: Catalogue, language: str) -> Notice:
    """The purposes, categories, recipients, retention and rights, in ``language``."""
    from visitplanner.services.story.folder_sync import shared_folder

    tr = translation_for(language)
    settings = load_settings()
    recipients = [RECIPIENT_TEAM, RECIPIENT_EVENTS, RECIPIENT_FUNDERS]
    if shared_folder(catalogue) is not None:
        recipients.append(RECIPIENT_STORY)
    mail = [tr.gettext(RECIPIENT_MAIL).format(server=settings.smtp_host)]
    retention = [
        tr.gettext(KEEP_PEOPLE).format(years=settings.inactive_years),
        tr.gettext(KEEP_MESSAGES).format(days=settings.outbox_days),
        tr.gettext(KEEP_ATTENDANCE),
    ]
    if settings.daily_backups_to_keep:
        retention.append(tr.gettext(KEEP_BACKUPS).format(days=settings.daily_backups_to_keep))
    sections = (
        Section(tr.gettext(TITLES["purposes"]), tuple(tr.gettext(p) for p in PURPOSES)),
        Section(tr.gettext(TITLES["categories"]), tuple(tr.gettext(c) for c in CATEGORIES)),
        Section(
            tr.gettext(TITLES["recipients"]),
            tuple(tr.gettext(r) for r in recipients) + (tuple(mail) if settings.smtp_host else ()),
        ),
        Section(tr.gettext(TITLES["retention"]), tuple(retention)),
        Section(tr.gettext(TITLES["security"]), security_measures(catalogue, tr)),
        Section(tr.gettext(TITLES["rights"]), tuple(tr.gettext(r) for r in RIGHTS)),
    )
    return Notice(
        controller=settings.organiser_name.strip(),
        contact=settings.organiser_email.strip(),
        sections=sections,
    )
