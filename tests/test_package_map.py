"""The package map (docs/packages.md) stays true: every package has a layer, imports go its way.

``tools/package_map.py`` reads the source with ``ast``; these tests use the same reading.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

TOOL = Path(__file__).resolve().parent.parent / "tools" / "package_map.py"
spec = importlib.util.spec_from_file_location("package_map", TOOL)
assert spec is not None and spec.loader is not None
package_map = importlib.util.module_from_spec(spec)
sys.modules["package_map"] = package_map
spec.loader.exec_module(package_map)

# Imports against the layers that docs/packages.md names, with the reason it gives.
KNOWN_EXCEPTIONS = {
    ("ui", "app"),  # ui/screenshots.py starts Qt as the application does
    ("core", "services/team"),  # recent_catalogues.py remembers a server's fields
}


def test_every_package_is_in_a_layer() -> None:
    packages = {
        package_map.node_of(package_map.module_name(init))
        for init in package_map.SOURCE.rglob("__init__.py")
    }
    assert packages - set(package_map.LAYER_OF) == set()


def test_imports_go_from_left_to_right_but_for_the_known_exceptions() -> None:
    wrong = set(package_map.against_layers(package_map.package_graph()))
    assert wrong - KNOWN_EXCEPTIONS == set(), "see docs/packages.md, Layers"


def test_the_map_reads_imports_inside_functions_and_skips_type_checking(tmp_path) -> None:
    known = {"visitplanner.a", "visitplanner.b", "visitplanner.c", "visitplanner.d"}
    source = tmp_path / "m.py"
    source.write_text(
        "from typing import TYPE_CHECKING\n"
        "import visitplanner.a\n"
        "def f():\n"
        "    from visitplanner import b\n"
        "if TYPE_CHECKING:\n"
        "    from visitplanner import c\n"
        "else:\n"
        "    import visitplanner.d\n",
        encoding="utf-8",
    )
    package_map.SOURCE, saved = tmp_path, package_map.SOURCE
    try:
        found = package_map.imported_modules(source, known)
    finally:
        package_map.SOURCE = saved
    assert found == {"visitplanner.a", "visitplanner.b", "visitplanner.d"}
