"""Where unexpected errors go: a rotating file in the user's log folder."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

_configured: Path | None = None


def log_file() -> Path:
    from platformdirs import user_log_path

    return user_log_path("visitplanner", appauthor=False) / "visitplanner.log"


def setup_logging() -> Path | None:
    """Sends warnings and errors to the log file; returns its path (None if unwritable)."""
    global _configured
    if _configured is not None:
        return _configured
    path = log_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > logging.INFO:
        root.setLevel(logging.INFO)
    _configured = path
    return path
