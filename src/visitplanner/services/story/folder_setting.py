"""Which folder a catalogue shares its story through: a setting kept in the catalogue.

Apart from :mod:`.folder_sync` so that the window's start can say where the story is
shared without importing the sync and the story's modules.
"""

from __future__ import annotations

from pathlib import Path

from visitplanner.store.database import Catalogue

FOLDER_KEY = "log_folder"


def shared_folder(catalogue: Catalogue) -> Path | None:
    """The folder this catalogue shares its story through, if one was chosen.

    Kept in the catalogue rather than the user's settings, so that a demo or test
    catalogue opened on the same laptop never writes into the team's folder.
    """
    value = catalogue.info(FOLDER_KEY)
    return Path(value) if value else None


def folder_reachable(folder: str | Path | None) -> bool:
    return bool(folder) and Path(folder).expanduser().is_dir()
