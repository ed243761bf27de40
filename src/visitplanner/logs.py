"""Where unexpected errors go: a rotating file in the user's log folder."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

_handler: logging.handlers.RotatingFileHandler | None = None


def log_file() -> Path:
    from platformdirs import user_log_path

    return user_log_path("visitplanner", appauthor=False) / "visitplanner.log"


def setup_logging() -> Path | None:
    """Sends info and above to the log file; returns its path (None if it cannot be written)."""
    global _handler
    path = log_file()
    if _handler is not None and Path(_handler.baseFilename) == path:
        return path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    if _handler is not None:
        root.removeHandler(_handler)
        _handler.close()
    root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > logging.INFO:
        root.setLevel(logging.INFO)
    _handler = handler
    return path
