"""Settings files written by other releases, brought to the shape this one reads.

``STEPS[n]`` turns the settings of version ``n`` into those of version ``n + 1``. A
file is brought up one version at a time, so each step is written once, against the
two shapes it knows, and an old file goes through every step since. A field added
with a default needs no step (a missing key reads as its default); a field renamed,
retyped or moved does, with the version raised by one.

Version 2 renamed the window's story page from "log" to "story" (one word for the shared
story in the code); its step moves the page last shown and the page's saved state. A
file without a version is read as version 1, the oldest.

A file from a newer release is read as far as this one understands it: the fields it
knows keep their values, and the keys it does not know are handed back to be written
again untouched, with the newer version, so that the newer release finds its own
settings as it left them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

log = logging.getLogger(__name__)

Step = Callable[[dict[str, Any]], dict[str, Any]]


def _story_page(data: dict[str, Any]) -> dict[str, Any]:
    """1 -> 2: the story page's key "log" became "story", in ``last_page`` and in the
    pages' saved state (``extra["pages"]``: its splitter, its filters)."""
    if data.get("last_page") == "log":
        data["last_page"] = "story"
    extra = data.get("extra")
    if isinstance(extra, dict) and isinstance(extra.get("pages"), dict):
        pages = dict(extra["pages"])
        if "log" in pages:
            state = pages.pop("log")
            pages.setdefault("story", state)
        data["extra"] = {**extra, "pages": pages}
    return data


# Version n -> n + 1: a function taking and returning the file's dict.
STEPS: dict[int, Step] = {1: _story_page}


class UnreadableVersion(ValueError):
    """The file's ``version`` is not a version number: its content cannot be trusted."""


def current_version() -> int:
    """The version this release writes: one more than the last step's starting version."""
    return 1 + len(STEPS)


def file_version(data: dict[str, Any]) -> int:
    """The version a settings file says it has (1 when it says none)."""
    version = data.get("version", 1)
    # bool is an int to Python, not a version to anyone.
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise UnreadableVersion(f"settings version {version!r} is not a version number")
    return version


def migrate(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` in the current shape, or (from a newer release) left in its own.

    Raises :class:`UnreadableVersion` when the version cannot be read.
    """
    version, current = file_version(data), current_version()
    if version > current:
        log.warning(
            "settings written by a newer release (version %s, this one reads %s): "
            "unknown settings are kept as they are",
            version,
            current,
        )
        return dict(data)
    for start in range(version, current):
        data = STEPS[start](dict(data))
        data["version"] = start + 1
        log.info("settings brought from version %s to %s", start, start + 1)
    return data
