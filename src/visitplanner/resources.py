"""Where the installed application finds its icons, fonts, translations and demo data."""

from __future__ import annotations

import sys
from functools import cache
from importlib import resources
from pathlib import Path

# The application's icon in ``resources/icons`` (the window's and the About dialog's).
ICON_FILE = "fr.dynamiques.VisitPlanner.svg"


def frozen_root() -> Path | None:
    """The bundle's data folder in a PyInstaller build (``sys._MEIPASS``), else ``None``."""
    if getattr(sys, "frozen", False) and hasattr(sys, "_MEIPASS"):
        return Path(sys._MEIPASS)
    return None


@cache
def resources_root() -> Path:
    """The ``resources`` folder: in the frozen bundle, the installed package or the checkout."""
    bundle = frozen_root()
    if bundle is not None:
        # packaging/visitplanner.spec puts it where the installed wheel has it.
        return bundle / "visitplanner" / "resources"
    installed = Path(str(resources.files("visitplanner"))) / "resources"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parents[2] / "resources"


def resource_path(*parts: str) -> Path:
    return resources_root().joinpath(*parts)
