"""The access report ("rapport d'accès", RGPD art. 15) as a PDF for the person concerned.

Built from the plain values of :func:`visitplanner.services.privacy.access.access_data`
and the processing notice; every value is printed as stored, escaped and in the
embedded font, so a name like Nguyễn or a quote holding ``<b>`` comes out as typed.
"""

from __future__ import annotations

import gettext
import os
from datetime import date, datetime
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Paragraph, Spacer, Table, TableStyle

from visitplanner.domain import enums
from visitplanner.domain.consent import ConsentPurpose, ConsentScope
from visitplanner.exchange.pdf import theme
from visitplanner.i18n import N_

_DOC_TITLE = N_("Access report (RGPD)")
_INTRO = N_(
    "Everything the catalogue of {controller} keeps about {name} on {day}: a copy under "
    "article 15 of the General Data Protection Regulation."
)
_THE_ASSOCIATION = N_("the association")
_CONTACT = N_("Contact for data protection: {contact}")
_NOTHING = N_("Nothing is kept.")
_H = {
    "identity": N_("Identity and contact"),
    "consents": N_("Consents"),
    "participations": N_("Participations and attendance"),
    "replies": N_("Replies"),
    "roles": N_("Other roles"),
    "quotes": N_("Quotes"),
    "photos": N_("Photos where the person appears"),
    "story": N_("Story entries that name the person"),
    "messages": N_("Messages sent to the person"),
    "how": N_("How this data is used"),
}
_FIELDS = (
    ("given_name", N_("Given name")),
    ("family_name", N_("Family name")),
    ("email", N_("E-mail")),
    ("phone", N_("Phone")),
    ("organisation", N_("Organisation")),
    ("function", N_("Function")),
    ("actor_type", N_("Actor type")),
    ("preferred_language", N_("Preferred language")),
    ("dynamics", N_("Dynamics")),
    ("notes", N_("Notes")),
    ("created_at", N_("Recorded on")),
    ("updated_at", N_("Last changed on")),
)
_PURPOSE, _SCOPE = N_("Purpose"), N_("Scope")
_GIVEN_ON, _WITHDRAWN_ON = N_("Given on"), N_("Withdrawn on")
_ONLY_FOR = N_("{scope}, for “{event}” only")
_NO_CONSENT = N_("No consent recorded: no photo, no quote, not named in documents.")
_DATE, _EVENT, _ROLE, _STATUS = N_("Date"), N_("Event"), N_("Role"), N_("Status")
_ATTENDANCE, _ANSWERED = N_("Attendance"), N_("Answered on")
_PRESENT = N_("{present} of {total} half-days present")
_ORGANISER_OF = N_("Organiser of: {events}")
_HOST_CONTACT = N_("Contact of the host organisation: {hosts}")
_AUTHOR_OF = N_("Author of the debrief of: {events}")
_ACTION = N_("Follow-up action ({event}): {text}")
_SPEAKER = N_("In the programme of {event}: {item}")
_CAPTION, _FILE = N_("Caption"), N_("File")
_SUBJECT, _KIND, _SENT = N_("Subject"), N_("Kind"), N_("Sent")
_NOT_SENT = N_("not sent")
_TITLE, _NAMED_IN = N_("Title"), N_("Named in")
_NAMED = {
    "author": N_("author"),
    "title": N_("title"),
    "text": N_("text"),
    "photo_caption": N_("photo caption"),
    "earlier_revision": N_("an earlier version"),
}


def _label(enum: type, code: str | None, tr: gettext.NullTranslations) -> str:
    return enum.label_in(code, tr.gettext) if code else ""


def _day(value: str | None, language: str) -> str:
    """The calendar day of an ISO value (in the zone it was written in)."""
    if not value:
        return ""
    return theme.format_date(date.fromisoformat(value[:10]), "medium", locale=language)


def _moment(value: str | None, language: str) -> str:
    if not value:
        return ""
    from babel.dates import format_datetime

    return format_datetime(datetime.fromisoformat(value), "medium", locale=language)


def _table(rows: list[list[str]], widths: list[float], head: bool = True) -> Table:
    st = theme.styles()
    data = [
        [Paragraph(theme.markup(cell), st.head if head and i == 0 else st.cell) for cell in row]
        for i, row in enumerate(rows)
    ]
    table = Table(data, colWidths=widths, repeatRows=1 if head else 0, hAlign="LEFT")
    style = [
        ("FONT", (0, 0), (-1, -1), theme.FONT, 9),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, theme.RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    if head:
        style.append(("BACKGROUND", (0, 0), (-1, 0), theme.SHADE))
    table.setStyle(TableStyle(style))
    return table


def build_access_report(
    path: str | os.PathLike[str], data: dict[str, Any], notice: Any, *, language: str = "fr"
) -> int:
    """Writes the report to ``path``; returns its number of pages. ``notice``: a Notice."""
    tr = theme.translation(language)
    st = theme.styles()
    t = tr.gettext
    person = data["person"]
    name = " ".join(p for p in (person["given_name"], person["family_name"]) if p)
    width = A4[0] - 2 * theme.MARGIN
    story: list[Any] = []

    def heading(key: str) -> None:
        story.append(CondPageBreak(30 * mm))
        story.append(Spacer(1, 4 * mm))
        story.append(Paragraph(theme.markup(t(_H[key])), st.title))

    def para(text: str, style: Any = None) -> None:
        story.append(Paragraph(theme.markup(text), style or st.body))

    def nothing() -> None:
        para(t(_NOTHING), st.note)

    story.append(Paragraph(theme.markup(t(_DOC_TITLE)), st.doc_title))
    story.append(Paragraph(theme.markup(name), st.title))
    controller = notice.controller or t(_THE_ASSOCIATION)
    para(
        t(_INTRO).format(
            controller=controller, name=name, day=_day(data["generated_at"], language)
        ),
        st.meta,
    )
    if notice.contact:
        para(t(_CONTACT).format(contact=notice.contact), st.meta)

    heading("identity")
    values = {
        "actor_type": _label(enums.ActorType, person["actor_type"], tr),
        "preferred_language": _label(enums.Language, person["preferred_language"], tr),
        "dynamics": ", ".join(person["dynamics"]),
        "created_at": _day(person["created_at"], language),
        "updated_at": _day(person["updated_at"], language),
    }
    rows = [[t(label), values.get(key, person.get(key)) or "—"] for key, label in _FIELDS]
    story.append(_table(rows, [45 * mm, width - 45 * mm], head=False))

    heading("consents")
    if data["consents"]:
        rows = [[t(_PURPOSE), t(_SCOPE), t(_GIVEN_ON), t(_WITHDRAWN_ON)]]
        for c in data["consents"]:
            scope = _label(ConsentScope, c["scope"], tr)
            if c["event"]:
                scope = t(_ONLY_FOR).format(scope=scope, event=c["event"])
            notes = "; ".join(n for n in (c["note"], c["withdrawal_note"]) if n)
            rows.append(
                [
                    _label(ConsentPurpose, c["purpose"], tr),
                    f"{scope} ({notes})" if notes else scope,
                    _day(c["given_on"], language),
                    _day(c["withdrawn_on"], language) or "—",
                ]
            )
        story.append(_table(rows, [45 * mm, width - 115 * mm, 35 * mm, 35 * mm]))
    else:
        para(t(_NO_CONSENT), st.body)

    heading("participations")
    if data["participations"]:
        rows = [[t(_DATE), t(_EVENT), t(_ROLE), t(_STATUS), t(_ATTENDANCE)]]
        for p in data["participations"]:
            marks = p["attendance"]
            present = sum(1 for a in marks if a["present"])
            rows.append(
                [
                    _day(p["event"]["start"], language),
                    f"{p['event']['title']} ({_label(enums.EventKind, p['event']['kind'], tr)})",
                    _label(enums.Role, p["role"], tr),
                    _label(enums.ResponseStatus, p["status"], tr),
                    t(_PRESENT).format(present=present, total=len(marks)) if marks else "—",
                ]
            )
        story.append(_table(rows, [24 * mm, width - 118 * mm, 26 * mm, 28 * mm, 40 * mm]))
    else:
        nothing()

    heading("replies")
    replies = [p for p in data["participations"] if p["responded_at"]]
    if replies:
        rows = [[t(_EVENT), t(_STATUS), t(_ANSWERED)]]
        rows += [
            [
                p["event"]["title"],
                _label(enums.ResponseStatus, p["status"], tr),
                _moment(p["responded_at"], language),
            ]
            for p in replies
        ]
        story.append(_table(rows, [width - 90 * mm, 35 * mm, 55 * mm]))
    else:
        nothing()

    heading("roles")
    roles = data["roles"]
    lines = []
    if roles["organiser_of"]:
        titles = ", ".join(e["title"] for e in roles["organiser_of"])
        lines.append(t(_ORGANISER_OF).format(events=titles))
    if roles["host_contact_of"]:
        lines.append(t(_HOST_CONTACT).format(hosts=", ".join(roles["host_contact_of"])))
    if roles["debrief_author_of"]:
        titles = ", ".join(e["title"] for e in roles["debrief_author_of"])
        lines.append(t(_AUTHOR_OF).format(events=titles))
    for action in roles["follow_up_actions"]:
        lines.append(t(_ACTION).format(event=action["event"]["title"], text=action["text"]))
    for item in roles.get("speaker_in", ()):
        text = " — ".join(v for v in (item["title"], item["speaker"]) if v)
        lines.append(t(_SPEAKER).format(event=item["event"]["title"], item=text))
    for line in lines:
        para(f"• {line}")
    if not lines:
        nothing()

    heading("quotes")
    for quote in data["quotes"]:
        opening, closing = ("« ", " »") if language == "fr" else ("“", "”")
        para(f"{opening}{quote['text']}{closing} — {quote['event']['title']}")
    if not data["quotes"]:
        nothing()

    heading("photos")
    if data["photos"]:
        rows = [[t(_EVENT), t(_CAPTION), t(_FILE)]]
        rows += [
            [p["event"]["title"], p["caption"] or "", p["original_name"] or p["file"]]
            for p in data["photos"]
        ]
        story.append(_table(rows, [width / 3] * 3))
    else:
        nothing()

    heading("story")
    if data["story_entries"]:
        rows = [[t(_DATE), t(_TITLE), t(_NAMED_IN)]]
        rows += [
            [
                _day(e["date"], language),
                e["title"],
                ", ".join(t(_NAMED[f]) for f in e["named_in"]),
            ]
            for e in data["story_entries"]
        ]
        story.append(_table(rows, [24 * mm, width - 74 * mm, 50 * mm]))
    else:
        nothing()

    heading("messages")
    if data["messages"]:
        rows = [[t(_DATE), t(_KIND), t(_SUBJECT), t(_SENT)]]
        rows += [
            [
                _day(m["created_at"], language),
                _label(enums.OutboxMethod, m["method"], tr),
                m["subject"],
                _day(m["sent_at"], language) if m["sent_at"] else t(_NOT_SENT),
            ]
            for m in data["messages"]
        ]
        story.append(_table(rows, [24 * mm, 28 * mm, width - 80 * mm, 28 * mm]))
    else:
        nothing()

    heading("how")
    for section in notice.sections:
        story.append(CondPageBreak(25 * mm))
        story.append(Paragraph(f"<b>{theme.markup(section.title)}</b>", st.meta))
        for item in section.items:
            para(f"• {item}", st.meta)
        story.append(Spacer(1, 2 * mm))

    title = f"{t(_DOC_TITLE)} — {name}"
    doc = theme.DocumentTemplate(
        os.fspath(path),
        pagesize=A4,
        language=language,
        title=title,
        author=notice.controller,
        subject=t(_DOC_TITLE),
        footer_left=title,
    )
    return doc.build_all(story)
