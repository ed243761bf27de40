"""The one architectural rule: PySide6 is imported only in ``ui/`` and ``app.py``."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import visitplanner

PACKAGE = Path(visitplanner.__file__).parent


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


def test_pyside6_only_in_ui_and_app() -> None:
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE).as_posix()
        if relative.startswith("ui/") or relative == "app.py":
            continue
        if "PySide6" in _imports(path):
            offenders.append(relative)
    assert offenders == []


def test_command_line_runs_without_qt_or_heavy_libraries() -> None:
    """The CLI and services load no Qt, reportlab, icalendar or Alembic to list a catalogue."""
    code = (
        "import sys; from visitplanner.cli import main; "
        "from visitplanner.services.directory import records, people; "
        "from visitplanner.services.events import planning; "
        "from visitplanner.services.documents import debriefs; "
        "from visitplanner.services.story import entries; "
        "heavy = [m for m in ('PySide6', 'reportlab', 'icalendar', 'alembic', 'PIL') "
        "if m in sys.modules]; print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
