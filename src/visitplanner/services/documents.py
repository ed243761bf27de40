"""Printed documents (PDF) for an event: gather plain values, hand them to ``exchange.pdf``.

Documents are written in the language chosen for them (French by default), not
the interface's, and replace the target file only once complete.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from visitplanner.domain.enums import ResponseStatus, Role
from visitplanner.domain.errors import UserError
from visitplanner.i18n import _
from visitplanner.store.database import Catalogue

# Who is expected on the sheet: everyone still coming or not yet answered.
_EXPECTED = {ResponseStatus.ACCEPTED, ResponseStatus.TENTATIVE, ResponseStatus.INVITED}


def _write_atomically(path: str | os.PathLike[str], build: Callable[[str], object]) -> Path:
    """Builds into a temporary file beside ``path``, then moves it into place."""
    target = Path(path)
    tmp = target.with_name(f".{target.name}.part")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        build(str(tmp))
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise UserError(
            _("Cannot write {path}: {reason}.").format(path=target, reason=exc.strerror or exc)
        ) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target


def _role_label(code: str, tr) -> str:  # tr: gettext.NullTranslations
    try:
        return tr.gettext(Role._labels()[Role(code).value])
    except ValueError:
        return code


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
    from visitplanner.services.attendance import half_days
    from visitplanner.services.planning import get_event

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
            (p.name, p.organisation or "", _role_label(p.role, tr))
            for p in detail.participants  # already in the people's sort order
            if p.status in _EXPECTED
        ),
        funder=funder,
        blank_rows=blank_rows,
    )
    return _write_atomically(path, lambda tmp: build_attendance(tmp, sheet, language=language))
