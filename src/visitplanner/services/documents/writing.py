"""Writing a finished document (PDF, JSON, CSV) over its target in one step.

Shared by the event documents (:mod:`.printing`) and the activity report
(:mod:`visitplanner.services.reports.export`), which print through each other.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from visitplanner.domain.errors import UserError
from visitplanner.i18n import _


def write_document(path: str | os.PathLike[str], build: Callable[[str], object]) -> Path:
    """Builds into a temporary file beside ``path``, then moves it into place."""
    from visitplanner.atomic_files import atomic_path

    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with atomic_path(target) as temporary:
            build(str(temporary))
    except OSError as exc:
        raise UserError(
            _("Cannot write {path}: {reason}.").format(path=target, reason=exc.strerror or exc)
        ) from None
    return target
