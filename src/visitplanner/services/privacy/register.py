"""The register of processing activities (« registre des activités de traitement », RGPD art. 30).

An association keeps one for its data protection contact. This module fills it from
what the app knows: the organiser named in the preferences, who is in the catalogue
(counted by actor type), whether the story is shared and e-mail sent through a server,
and the retention periods set in the preferences. The association reads it, completes
what only it knows (its address, a data protection officer) and signs it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import func, select

from visitplanner.domain.enums import ActorType
from visitplanner.domain.errors import UserError
from visitplanner.i18n import N_, _, translation_for
from visitplanner.services.privacy import notice as texts
from visitplanner.settings import load_settings
from visitplanner.store.database import Catalogue
from visitplanner.store.models import Event, Person


@dataclass(frozen=True)
class Activity:
    name: str
    rows: tuple[tuple[str, str], ...]  # (field, value), in the register's order


@dataclass(frozen=True)
class Register:
    controller: str
    contact: str
    updated: date
    people: int
    events: int
    activities: tuple[Activity, ...]


FIELDS = {
    "purpose": N_("Purpose"),
    "basis": N_("Legal basis"),
    "people": N_("Categories of people"),
    "data": N_("Categories of data"),
    "recipients": N_("Recipients"),
    "transfers": N_("Transfers outside the EU"),
    "retention": N_("Retention"),
    "security": N_("Security measures"),
}
_NO_TRANSFER = N_("None by the app: the catalogue stays on the coordinators’ computers.")
_NO_TRANSFER_MAIL = N_(
    "None by the app; check where the e-mail server ({server}) keeps the messages it relays."
)
_NO_TRANSFER_TEAM = N_(
    "None by the app; check where the team’s database server ({server}) is hosted."
)
_INTEREST = N_("Legitimate interest of the association (art. 6.1.f).")
_CONSENT = N_("Consent of the person, specific to each use and withdrawable (art. 6.1.a).")
_OBLIGATION = N_("Contractual obligations towards funders (art. 6.1.b and 6.1.c).")
_EVERYONE = N_("{n} people in the catalogue: {types}.")
_UNTYPED = N_("not typed")
_PARTICIPANTS = N_("Participants of the {n} events in the catalogue.")
_QUOTED = N_("People quoted or photographed who agreed to it.")

ACTIVITIES = (
    (
        N_("Events and their participants"),
        texts.PURPOSES[0],
        _INTEREST,
        ("participants",),
        (texts.CATEGORIES[0], texts.CATEGORIES[1], texts.CATEGORIES[4]),
        ("team", "events", "mail"),
        ("people", "messages"),
    ),
    (
        N_("Proof for funders"),
        texts.PURPOSES[1],
        _OBLIGATION,
        ("participants",),
        (texts.CATEGORIES[0], texts.CATEGORIES[1]),
        ("team", "funders"),
        ("attendance",),
    ),
    (
        N_("Debriefs and the shared story"),
        texts.PURPOSES[2],
        _CONSENT,
        ("quoted",),
        (texts.CATEGORIES[2], texts.CATEGORIES[3]),
        ("team", "story"),
        ("people",),
    ),
    (
        N_("Directory of partners"),
        texts.PURPOSES[3],
        _INTEREST,
        ("everyone",),
        (texts.CATEGORIES[0],),
        ("team",),
        ("people", "backups"),
    ),
)


def build_register(catalogue: Catalogue, language: str) -> Register:
    """The register's content in ``language``, from this catalogue and the preferences."""
    from visitplanner.services.story.folder_sync import shared_folder

    tr = translation_for(language)
    t = tr.gettext
    settings = load_settings()
    with catalogue.session() as session:
        live = Person.deleted_at.is_(None)
        by_type = dict(
            session.execute(
                select(Person.actor_type, func.count(Person.id))
                .where(live)
                .group_by(Person.actor_type)
            ).all()
        )
        events = session.scalar(select(func.count(Event.id)).where(Event.deleted_at.is_(None)))
    people = sum(by_type.values())
    types = ", ".join(
        f"{ActorType.label_in(code, t) if code else t(_UNTYPED)} ({n})"
        for code, n in sorted(by_type.items(), key=lambda kv: -kv[1])
    )
    categories = {
        "everyone": t(_EVERYONE).format(n=people, types=types or "—"),
        "participants": t(_PARTICIPANTS).format(n=events),
        "quoted": t(_QUOTED),
    }
    recipients = {
        "team": t(texts.RECIPIENT_TEAM),
        "events": t(texts.RECIPIENT_EVENTS),
        "funders": t(texts.RECIPIENT_FUNDERS),
        "story": t(texts.RECIPIENT_STORY) if shared_folder(catalogue) is not None else "",
        "mail": t(texts.RECIPIENT_MAIL).format(server=settings.smtp_host)
        if settings.smtp_host
        else "",
    }
    retention = {
        "people": t(texts.KEEP_PEOPLE).format(years=settings.inactive_years),
        "messages": t(texts.KEEP_MESSAGES).format(days=settings.outbox_days),
        "attendance": t(texts.KEEP_ATTENDANCE),
        "backups": t(texts.KEEP_BACKUPS).format(days=settings.daily_backups_to_keep)
        if settings.daily_backups_to_keep
        else "",
    }
    transfers = (
        t(_NO_TRANSFER_MAIL).format(server=settings.smtp_host)
        if settings.smtp_host
        else t(_NO_TRANSFER)
    )
    if not catalogue.is_sqlite:  # the catalogue does not stay on the coordinators' computers
        team = t(_NO_TRANSFER_TEAM).format(server=texts.server_name(catalogue))
        transfers = "\n".join([team] + ([transfers] if settings.smtp_host else []))
    security = "\n".join(texts.security_measures(catalogue, tr))

    def lines(keys: tuple[str, ...], table: dict[str, str]) -> str:
        return "\n".join(v for v in (table[k] for k in keys) if v) or "—"

    activities = tuple(
        Activity(
            name=t(name),
            rows=(
                (t(FIELDS["purpose"]), t(purpose)),
                (t(FIELDS["basis"]), t(basis)),
                (t(FIELDS["people"]), lines(who, categories)),
                (t(FIELDS["data"]), "\n".join(t(d) for d in data)),
                (t(FIELDS["recipients"]), lines(to, recipients)),
                (t(FIELDS["transfers"]), transfers),
                (t(FIELDS["retention"]), lines(keep, retention)),
                (t(FIELDS["security"]), security),
            ),
        )
        for name, purpose, basis, who, data, to, keep in ACTIVITIES
    )
    return Register(
        controller=settings.organiser_name.strip(),
        contact=settings.organiser_email.strip(),
        updated=date.today(),
        people=people,
        events=events or 0,
        activities=activities,
    )


def write_register(
    catalogue: Catalogue, path: str | os.PathLike[str], *, language: str = "fr"
) -> Path:
    """The register as a PDF at ``path``."""
    from visitplanner.atomic_files import atomic_path

    target = Path(path)
    if target.suffix.lower() != ".pdf":
        raise UserError(_("{path}: the register is written as .pdf.").format(path=target.name))
    register = build_register(catalogue, language)
    from visitplanner.exchange.pdf.register import build_register_pdf

    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with atomic_path(target) as temporary:
            build_register_pdf(temporary, register, language=language)
    except OSError as exc:
        raise UserError(
            _("Cannot write {path}: {reason}.").format(path=target, reason=exc.strerror or exc)
        ) from None
    return target
