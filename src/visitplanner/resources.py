"""Where the installed application finds its icons, fonts, translations and demo data."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path


@cache
def resources_root() -> Path:
    """The ``resources`` folder: inside the installed package, else the source checkout's."""
    installed = Path(str(resources.files("visitplanner"))) / "resources"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parents[2] / "resources"


def resource_path(*parts: str) -> Path:
    return resources_root().joinpath(*parts)
