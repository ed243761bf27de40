"""Build hook: compiles the ``.po`` translations into ``.mo`` files inside the wheel.

Only the sources are kept in the repository; installed builds get compiled
catalogues so the application never compiles them at run time.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CustomBuildHook(BuildHookInterface):
    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        root = Path(self.root)
        out = Path(tempfile.mkdtemp(prefix="visitplanner-mo-"))
        for po in sorted((root / "resources" / "locale").glob("*/LC_MESSAGES/*.po")):
            language = po.parent.parent.name
            mo = out / language / po.with_suffix(".mo").name
            mo.parent.mkdir(parents=True, exist_ok=True)
            with po.open("rb") as src:
                catalogue = read_po(src, locale=language)
            with mo.open("wb") as dst:
                write_mo(dst, catalogue)
            target = f"visitplanner/resources/locale/{language}/LC_MESSAGES/{mo.name}"
            build_data["force_include"][str(mo)] = target
