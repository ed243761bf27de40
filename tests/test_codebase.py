"""Rules that keep the code base navigable, read from the source with ``ast``.

- No module under ``src/visitplanner`` is over 500 lines (Alembic migrations aside): a
  module that long holds several things and should be split along its own sections.
- No import circle between visitplanner modules, counting the imports made inside
  functions: those run later, but a circle through them still means two modules that
  cannot be understood, tested or moved apart. Importing ``a.b.c`` also runs the packages
  ``a`` and ``a.b``, so a package ``__init__`` importing its modules joins their circles.
  Imports under ``if TYPE_CHECKING:`` never run and are left out.
- No module imports another module's ``_private`` name (``from x import _y``, or
  ``x._y`` or ``getattr(x, "_y")`` where ``x`` names an imported visitplanner module or
  something imported from one): a name used elsewhere deserves a public home.

Nothing here imports the application, so the rules hold even when a module would not load.
"""

from __future__ import annotations

import ast
from collections import deque
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

SOURCE = Path(__file__).resolve().parent.parent / "src" / "visitplanner"
ROOT = "visitplanner"
MAX_LINES = 500


@dataclass
class Module:
    name: str
    path: Path
    is_package: bool
    tree: ast.Module
    # target module -> first line importing it
    imports: dict[str, int] = field(default_factory=dict)

    @property
    def relative(self) -> str:
        return self.path.relative_to(SOURCE.parent).as_posix()


def _module_name(path: Path) -> tuple[str, bool]:
    parts = list(path.relative_to(SOURCE.parent).with_suffix("").parts)
    is_package = parts[-1] == "__init__"
    if is_package:
        parts.pop()
    return ".".join(parts), is_package


def _is_migration(path: Path) -> bool:
    return "migrations" in path.relative_to(SOURCE).parts


def _load() -> dict[str, Module]:
    modules: dict[str, Module] = {}
    for path in sorted(SOURCE.rglob("*.py")):
        name, is_package = _module_name(path)
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        modules[name] = Module(name, path, is_package, tree)
    return modules


MODULES = _load()


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _running_nodes(tree: ast.AST):
    """Every node of ``tree`` except what sits under ``if TYPE_CHECKING:`` (never run)."""
    stack = [tree]
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            stack.extend(node.orelse)
            continue
        stack.extend(ast.iter_child_nodes(node))


def _absolute(module: Module, node: ast.ImportFrom) -> str:
    """The absolute module a ``from ... import`` reads from, relative levels resolved."""
    if node.level == 0:
        return node.module or ""
    package = module.name.split(".")
    if not module.is_package:
        package.pop()
    if node.level > 1:
        package = package[: len(package) - (node.level - 1)]
    return ".".join(package + ([node.module] if node.module else []))


def _ours(name: str) -> bool:
    return name == ROOT or name.startswith(ROOT + ".")


def _nearest_module(name: str) -> str | None:
    """``name`` or its closest parent that is a visitplanner module."""
    while name:
        if name in MODULES:
            return name
        name = name.rpartition(".")[0]
    return None


def _modules_run_by(target: str, importer: str) -> list[str]:
    """The module an import names, and the packages above it that Python runs first.

    Importing ``a.b.c`` runs ``a/__init__.py`` and ``a/b/__init__.py`` before ``c``: a
    package that imports its own modules is in every circle through them. The importer's
    own packages are already running when it imports, so they are left out.
    """
    found = _nearest_module(target)
    if found is None or found == importer:
        return []
    run = [found]
    parent = found.rpartition(".")[0]
    while parent:
        if parent in MODULES and not (importer + ".").startswith(parent + "."):
            run.append(parent)
        parent = parent.rpartition(".")[0]
    return run


def _scan_imports() -> None:
    for module in MODULES.values():
        for node in _running_nodes(module.tree):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names if _ours(alias.name)]
            elif isinstance(node, ast.ImportFrom):
                source = _absolute(module, node)
                if not _ours(source):
                    continue
                for alias in node.names:
                    submodule = f"{source}.{alias.name}"
                    targets.append(submodule if submodule in MODULES else source)
            for target in targets:
                for found in _modules_run_by(target, module.name):
                    line = module.imports.get(found, node.lineno)
                    module.imports[found] = min(line, node.lineno)


_scan_imports()


def _strongly_connected() -> list[list[str]]:
    """Tarjan's components of the import graph, iteratively (no recursion limit)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    counter = 0
    for start in sorted(MODULES):
        if start in index:
            continue
        work = [(start, iter(sorted(MODULES[start].imports)))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(MODULES[child].imports))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        components.append(sorted(component))
    return components


def _shortest_cycle(start: str, members: set[str]) -> list[str]:
    """The shortest path of imports from ``start`` back to itself inside one component."""
    previous: dict[str, str] = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for child in sorted(MODULES[node].imports):
            if child not in members:
                continue
            if child == start:
                path = [node]
                while path[-1] != start:
                    path.append(previous[path[-1]])
                return [*reversed(path), start]
            if child not in previous:
                previous[child] = node
                queue.append(child)
    return []


def _chain(cycle: list[str]) -> str:
    steps = [f"{MODULES[a].relative}:{MODULES[a].imports[b]}" for a, b in pairwise(cycle)]
    return " -> ".join([*steps, MODULES[cycle[-1]].relative])


def _cycles() -> list[str]:
    chains: list[str] = []
    for component in _strongly_connected():
        members = set(component)
        seen: set[tuple[str, ...]] = set()
        for start in component:
            cycle = _shortest_cycle(start, members)
            ring = cycle[:-1]
            turn = ring.index(min(ring))
            key = tuple(ring[turn:] + ring[:turn])
            if key not in seen:
                seen.add(key)
                chains.append(_chain(cycle))
    return chains


def _bound_names(module: Module) -> dict[str, str]:
    """Local names bound by imports of visitplanner code -> what they name (dotted)."""
    bound: dict[str, str] = {}
    for node in _running_nodes(module.tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if not _ours(alias.name):
                    continue
                if alias.asname:
                    bound[alias.asname] = alias.name
                else:
                    head = alias.name.split(".")[0]
                    bound[head] = head
        elif isinstance(node, ast.ImportFrom):
            source = _absolute(module, node)
            if _ours(source):
                for alias in node.names:
                    bound[alias.asname or alias.name] = f"{source}.{alias.name}"
    return bound


def _dotted(node: ast.expr) -> list[str] | None:
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    parts.append(node.id)
    return parts[::-1]


def _is_private(name: str) -> bool:
    """``_name`` but not a ``__dunder__`` nor an enum ``_sunder_`` name."""
    return name.startswith("_") and not name.endswith("_")


def _is_getattr_of_private(node: ast.AST) -> bool:
    """``getattr(x, "_y")`` (or has/setattr): the same read as ``x._y``, spelt to hide."""
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in {"getattr", "hasattr", "setattr"}
        and len(node.args) >= 2
        and isinstance(node.args[1], ast.Constant)
        and isinstance(node.args[1].value, str)
        and _is_private(node.args[1].value)
    )


def _private_uses(module: Module) -> list[str]:
    found: list[str] = []
    where = module.relative
    for node in _running_nodes(module.tree):
        if isinstance(node, ast.ImportFrom):
            source = _absolute(module, node)
            if not _ours(source):
                continue
            owner = _nearest_module(source)
            for alias in node.names:
                if _is_private(alias.name):
                    home = MODULES[owner].relative if owner else source
                    found.append(f"{where}:{node.lineno} imports {alias.name} from {home}")
    bound = _bound_names(module)
    for node in _running_nodes(module.tree):
        if isinstance(node, ast.Attribute) and _is_private(node.attr):
            value, attr = node.value, node.attr
        elif _is_getattr_of_private(node):
            value, attr = node.args[0], node.args[1].value
        else:
            continue
        parts = _dotted(value)
        if not parts or parts[0] not in bound:
            continue
        target = ".".join([bound[parts[0]], *parts[1:]])
        owner = _nearest_module(target)
        if owner is None or owner == module.name:
            continue
        found.append(
            f"{where}:{node.lineno} reads {'.'.join(parts)}.{attr}, "
            f"private to {MODULES[owner].relative}"
        )
    return found


def test_the_module_graph_is_read() -> None:
    """Guard the guards: the scan sees modules, packages and imports inside functions."""
    assert "visitplanner.services.events" in MODULES
    assert MODULES["visitplanner.services.events"].is_package
    assert sum(len(module.imports) for module in MODULES.values()) > 300
    events = "visitplanner.services.events"
    # planning imports the list rules inside a function; the event form names the views'
    # types under TYPE_CHECKING only.
    assert f"{events}.participants" in MODULES[f"{events}.planning"].imports
    assert f"{events}.views" not in MODULES[f"{events}.form"].imports


def test_no_module_over_500_lines() -> None:
    too_long = []
    for module in MODULES.values():
        if _is_migration(module.path):
            continue
        lines = len(module.path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_LINES:
            too_long.append(f"{module.relative}: {lines} lines")
    assert too_long == [], (
        f"Modules over {MAX_LINES} lines; split them along their own sections:\n"
        + "\n".join(too_long)
    )


def test_no_import_circle() -> None:
    cycles = _cycles()
    assert cycles == [], (
        "Import circles (file:line of each import; imports inside functions count, "
        "those under `if TYPE_CHECKING:` do not):\n" + "\n".join(cycles)
    )


def test_no_private_name_used_from_another_module() -> None:
    uses = [use for module in MODULES.values() for use in _private_uses(module)]
    assert uses == [], (
        "Private names used outside their module; give them a public name or home:\n"
        + "\n".join(uses)
    )
