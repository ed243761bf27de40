"""Each feature package's docstring names public functions that exist.

The docstrings of ``services/*/__init__.py`` and ``cli/__init__.py`` are where a newcomer
starts; a function renamed or moved without them leaves a name that leads nowhere. Read
with ``ast``, nothing imported.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

SOURCE = Path(__file__).resolve().parent.parent / "src"
PACKAGE = SOURCE / "visitplanner"
INITS = sorted([*PACKAGE.glob("services/*/__init__.py"), PACKAGE / "cli" / "__init__.py"])
# ``word``s in the command line's docstring that are commands, not code.
COMMAND_WORDS = {"log", "copy"}


def _defined(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, ast.ImportFrom):
            names.update(alias.asname or alias.name for alias in node.names)
    return names


def _module_path(dotted: str) -> Path | None:
    base = SOURCE.joinpath(*dotted.split("."))
    for path in (base.with_suffix(".py"), base / "__init__.py"):
        if path.exists():
            return path
    return None


def _broken_names(init: Path) -> list[str]:
    doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))) or ""
    where = init.relative_to(SOURCE).as_posix()
    package = init.parent
    in_package = set().union(*(_defined(path) for path in package.glob("*.py")))
    broken = []
    named_module = False
    for match in re.finditer(r":mod:`\.(\w+)`|:(?:func|class):`~?([\w.]+)`|``(\w+)``", doc):
        module, path, name = match.groups()
        if module:
            named_module = True
            if not (package / f"{module}.py").exists():
                broken.append(f"{where}: no module .{module}")
        elif path:
            home, _, attr = path.rpartition(".")
            found = _module_path(home)
            if found is None:  # a method: Class.method
                owner, _, cls = home.rpartition(".")
                found = _module_path(owner)
                attr = cls
            if found is None or attr not in _defined(found):
                broken.append(f"{where}: {path} does not exist")
        elif named_module and name not in COMMAND_WORDS and name not in in_package:
            broken.append(f"{where}: ``{name}`` is defined nowhere in {package.name}/")
    return broken


def test_every_feature_package_has_a_docstring() -> None:
    assert len(INITS) > 8
    assert [i for i in INITS if not ast.get_docstring(ast.parse(i.read_text()))] == []


def test_names_in_package_docstrings_exist() -> None:
    broken = [line for init in INITS for line in _broken_names(init)]
    assert broken == [], "Package docstrings naming what is not there:\n" + "\n".join(broken)
