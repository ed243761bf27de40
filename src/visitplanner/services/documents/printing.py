"""Printed documents (PDF) for an event: gather plain values, hand them to ``exchange.pdf``.

Documents are written in the language chosen for them (French by default), not
the interface's, and replace the target file only once complete.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from pathlib import Path

from visitplanner.domain.enums import ResponseStatus, Role
from visitplanner.domain.errors import UserError
from visitplanner.i18n import N_, _
from visitplanner.services.documents.writing import write_document
from visitplanner.store.database import Catalogue

# Who is expected on the sheet: everyone still coming or not yet answered.
_EXPECTED = {ResponseStatus.ACCEPTED, ResponseStatus.TENTATIVE, ResponseStatus.INVITED}


# --- attendance sheet ----------------------------------------------------------------------


def attendance_pdf(
    catalogue: Catalogue,
    event_ref: str | int,
    path: str | os.PathLike[str],
    *,
    language: str = "fr",
    funder: str | None = None,
    blank_rows: int = 5,
) -> Path:
    """The event's attendance sheet: expected people in name order, one box per half-day."""
    from visitplanner.exchange.pdf import theme
    from visitplanner.exchange.pdf.attendance import AttendanceSheet, build_attendance
    from visitplanner.services.events.attendance import half_days
    from visitplanner.services.events.planning import get_event

    detail = get_event(catalogue, event_ref)
    event = detail.event
    tr = theme.translation(language)
    columns = half_days(event)
    first = event.start.date()
    last = columns[-1][0] if columns else event.end.date()
    sheet = AttendanceSheet(
        title=event.title,
        dates=theme.date_span(first, max(first, last), language, tr),
        place=event.location,
        organiser=event.organiser_name,
        half_days=tuple(columns),
        rows=tuple(
            (p.name, p.organisation or "", Role.label_in(p.role, tr.gettext))
            for p in detail.participants  # already in the people's sort order
            if p.status in _EXPECTED
        ),
        funder=funder,
        blank_rows=blank_rows,
    )
    return write_document(path, lambda tmp: build_attendance(tmp, sheet, language=language))


# --- debrief report and booklet ------------------------------------------------------------


def _present(detail) -> tuple[tuple[str, tuple[str, ...]], ...]:  # detail: EventDetail
    """Who came, by organisation: the signed sheet when there is one, else who accepted."""
    signed = any(p.attendance for p in detail.participants)
    groups: dict[str, list[str]] = {}
    for p in detail.participants:
        came = (
            any(present for _day, _half, present in p.attendance)
            if signed
            else (p.status == ResponseStatus.ACCEPTED.value)
        )
        if came:
            groups.setdefault(p.organisation or "", []).append(p.name)
    ordered = sorted(groups.items(), key=lambda kv: (kv[0] == "", kv[0].casefold()))
    return tuple((org, tuple(names)) for org, names in ordered)


def _challenge_label(code: str | None, tr) -> str | None:
    from visitplanner.domain.enums import Challenge

    return Challenge.label_in(code, tr.gettext) if code else None


def _debrief_report(catalogue: Catalogue, event_id: int, view, language: str):
    """The plain values of one debrief (``view``: DebriefView) for ``exchange.pdf.debrief``."""
    from babel.dates import format_date

    from visitplanner.domain.enums import DebriefStatus
    from visitplanner.exchange.pdf import theme
    from visitplanner.exchange.pdf.debrief import DebriefReport
    from visitplanner.services.documents.image_files import display_file
    from visitplanner.services.events.planning import get_event

    detail = get_event(catalogue, event_id)
    event = detail.event
    tr = theme.translation(language)
    first, last = event.start.date(), event.end.date()
    from visitplanner.services.documents.consent_filter import printable_photos

    shown = printable_photos(catalogue, event_id, view.photos)
    photos = []
    for photo in view.photos:
        if photo.id not in shown:
            continue
        try:
            photos.append((display_file(photo.path), photo.caption))
        except UserError:
            continue  # a missing or unreadable original is left out of print
    return DebriefReport(
        title=event.title,
        dates=theme.date_span(first, max(first, last), language, tr),
        place=event.location,
        host=event.host_name,
        organiser=event.organiser_name,
        visit_question=view.visit_question,
        draft=view.status != DebriefStatus.FINAL.value,
        authors=tuple(name for _id, name in view.authors),
        present=_present(detail),
        context=view.context,
        what_we_saw=view.what_we_saw,
        ideas_to_transpose=view.ideas_to_transpose,
        takeaways=tuple((t.text, _challenge_label(t.challenge, tr)) for t in view.takeaways),
        quotes=tuple((q.text, q.person_name) for q in view.quotes if q.consent and q.person_name),
        quotes_left_out=sum(1 for q in view.quotes if not (q.consent and q.person_name)),
        photos=tuple(photos),
        photos_left_out=len(view.photos) - len(shown),
        actions=tuple(
            (
                a.text,
                a.owner_name or "",
                format_date(a.due_date, "short", locale=language) if a.due_date else "",
                a.done,
            )
            for a in view.actions
        ),
        extra={"challenges": tuple(t.challenge for t in view.takeaways)},
    )


def _existing_debrief(catalogue: Catalogue, event_id: int):  # -> DebriefView
    from visitplanner.services.documents.debriefs import get_debrief, list_debriefs

    for summary in list_debriefs(catalogue):
        if summary.event_id == event_id:
            return get_debrief(catalogue, summary.id)
    raise UserError(_("Event {id} has no debrief yet.").format(id=event_id))


def debrief_pdf(
    catalogue: Catalogue,
    event_ref: str | int,
    path: str | os.PathLike[str],
    *,
    language: str = "fr",
) -> Path:
    """The debrief of one visit as a report; quotes without consent are left out of print."""
    from visitplanner.exchange.pdf.debrief import build_debrief
    from visitplanner.services.events.planning import get_event

    event_id = get_event(catalogue, event_ref).event.id
    view = _existing_debrief(catalogue, event_id)
    report = _debrief_report(catalogue, event_id, view, language)
    return write_document(path, lambda tmp: build_debrief(tmp, report, language=language))


class BookletCancelled(UserError):
    """The user pressed Cancel; no file was written."""


def _events_overlapping(
    catalogue: Catalogue, start: date | None, end: date | None, zone: str
) -> set[int] | None:
    """The ids of the events overlapping the days ``start``..``end`` (None: no period)."""
    from sqlalchemy import or_, select

    from visitplanner.domain.periods import DayRange
    from visitplanner.store.models import Event

    if start is None and end is None:
        return None
    lower, upper = DayRange(start, end, zone).bounds()
    stmt = select(Event.id)
    if upper is not None:
        stmt = stmt.where(Event.starts_at < upper)
    if lower is not None:
        stmt = stmt.where(or_(Event.ends_at > lower, Event.starts_at >= lower))
    with catalogue.session() as session:
        return set(session.scalars(stmt))


def _period(start: date | None, end: date | None, language: str, tr) -> str:
    from visitplanner.exchange.pdf import theme

    if start and end:
        return theme.date_span(start, max(start, end), language, tr)
    if start:
        return tr.gettext(N_("since {start}")).format(start=theme.long_date(start, language))
    if end:
        return tr.gettext(N_("until {end}")).format(end=theme.long_date(end, language))
    return tr.gettext(N_("all visits"))


def booklet_pdf(
    catalogue: Catalogue,
    path: str | os.PathLike[str],
    *,
    start: date | None = None,
    end: date | None = None,
    dynamic_id: int | None = None,
    language: str = "fr",
    title: str | None = None,
    network: str | None = None,
    logo: str | os.PathLike[str] | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    zone: str = "Europe/Paris",
) -> Path:
    """The debriefs of a period and/or a dynamic in one booklet, in visit order.

    ``start``..``end`` are calendar days in the catalogue's ``zone``, both included; a
    visit is in when it overlaps them (:mod:`visitplanner.domain.periods`), like the feed.

    ``progress(done, total)`` is called as each debrief is laid out and written; ``cancelled()``
    returning true stops the work and raises :class:`BookletCancelled`.
    """
    from visitplanner.domain.enums import Challenge
    from visitplanner.exchange.pdf import theme
    from visitplanner.exchange.pdf.booklet import Booklet, build_booklet
    from visitplanner.services.directory.records import get_dynamic
    from visitplanner.services.documents.debriefs import get_debrief, list_debriefs
    from visitplanner.services.documents.image_files import display_image
    from visitplanner.services.events.planning import get_event

    tr = theme.translation(language)
    dynamic = get_dynamic(catalogue, dynamic_id) if dynamic_id is not None else None
    chosen = []
    in_period = _events_overlapping(catalogue, start, end, zone)
    for summary in list_debriefs(catalogue):
        if in_period is not None and summary.event_id not in in_period:
            continue
        if dynamic is not None:
            event = get_event(catalogue, summary.event_id).event
            if dynamic.id not in (*event.visiting_dynamic_ids, *event.visited_dynamic_ids):
                continue
        chosen.append(summary)
    if not chosen:
        raise UserError(_("No debrief matches: nothing to print."))

    def tick(done: int, total: int) -> None:
        if cancelled is not None and cancelled():
            raise BookletCancelled(_("Booklet cancelled; nothing was written."))
        if progress is not None:
            progress(done, total)

    by_challenge: dict[str | None, list[tuple[str, str]]] = {}
    open_actions: list[tuple[str, str, str, str]] = []

    def chapters():  # -> Iterator[DebriefReport]: one debrief at a time, as the booklet prints
        for summary in chosen:
            view = get_debrief(catalogue, summary.id)
            report = _debrief_report(catalogue, summary.event_id, view, language)
            for takeaway in view.takeaways:
                by_challenge.setdefault(takeaway.challenge, []).append(
                    (takeaway.text, report.title)
                )
            for text, owner, due, done in report.actions:
                if not done:
                    open_actions.append((text, owner, due, report.title))
            yield report

    def synthesis() -> tuple:
        order = [c.value for c in Challenge] + sorted(
            k for k in by_challenge if k and k not in {c.value for c in Challenge}
        )
        return tuple(
            (_challenge_label(code, tr), tuple(by_challenge[code]))
            for code in [*order, None]
            if code in by_challenge
        )

    period = _period(start, end, language, tr)
    if dynamic is not None:
        period = f"{period} — {dynamic.name}"
    booklet = Booklet(
        title=title or tr.gettext(N_("Visit debriefs")),
        period=period,
        chapters=chapters(),
        chapter_count=len(chosen),
        synthesis=synthesis,
        open_actions=lambda: tuple(open_actions),
        network=network,
        logo=display_image(Path(logo), 600) if logo else None,
        charts=_period_charts(catalogue, chosen, start, end, language, zone),
    )
    tick(0, 1)
    return write_document(
        path, lambda tmp: build_booklet(tmp, booklet, language=language, progress=tick)
    )


def _period_charts(
    catalogue: Catalogue,
    chosen: list,
    start: date | None,
    end: date | None,
    language: str,
    zone: str,
) -> tuple:
    """The actor mix and the cooperation graph of the booklet's period (its visits' span
    when the period is open), as the activity report counts them."""
    from visitplanner.services.reports.export import booklet_charts

    first = start or min(summary.event_start for summary in chosen)
    last = end or max(summary.event_start for summary in chosen)
    return booklet_charts(catalogue, first, last, language, zone)
