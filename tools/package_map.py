"""Draws the package map: which package of Visit Planner imports which, layer by layer.

    python tools/package_map.py            # writes docs/packages.dot and docs/packages.svg
    python tools/package_map.py --check    # lists the imports against the layers; 1 if any

Read from the source with ``ast``: nothing is imported, so the map can be drawn even
when a module would not load. Imports inside functions count (they run later, but
they are still a dependency); imports under ``if TYPE_CHECKING:`` never run and do not.
A package's node stands for its modules (``services/story`` for
``services/story/*.py``); modules directly in ``visitplanner/``, ``services/``,
``ui/`` or ``exchange/`` have their folder's node. docs/packages.md explains the map.
"""

from __future__ import annotations

import argparse
import ast
import math
import shutil
import subprocess
import sys
from collections import Counter
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "src" / "visitplanner"
DOCS = ROOT / "docs"

# Layers from left to right: a package may import its own layer's and the layers on its
# right, never those on its left. Within "services", feature packages may use each other
# (without circles: tests/test_codebase.py) and all use the shared modules of services/.
LAYERS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("entry", "Entry points", ("app", "cli")),
    ("window", "The window (Qt)", ("ui", "ui/pages", "ui/forms", "ui/models", "ui/widgets")),
    (
        "services",
        "Services: use cases, transactions, Changes",
        (
            "services",
            "services/directory",
            "services/events",
            "services/calendars",
            "services/invitations",
            "services/documents",
            "services/story",
            "services/reports",
            "services/privacy",
            "services/recovery",
            "services/team",
            "services/demo",
        ),
    ),
    ("formats", "File formats (no database)", ("exchange", "exchange/charts", "exchange/pdf")),
    ("storage", "Storage", ("store", "store/migrations")),
    ("foundation", "Foundation", ("domain", "core")),
)
LAYER_OF = {node: index for index, (_key, _title, nodes) in enumerate(LAYERS) for node in nodes}
# Modules directly in visitplanner/ that are not the core: their own nodes.
TOP_LEVEL_NODES = {"app": "app", "__main__": "cli"}
COLOURS = {
    "entry": "#f3e5f5",
    "window": "#e3f2fd",
    "services": "#e8f5e9",
    "formats": "#fff8e1",
    "storage": "#fbe9e7",
    "foundation": "#eceff1",
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SOURCE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def node_of(module: str) -> str:
    """The map's node for a module: its package, as a path below ``visitplanner``."""
    parts = module.split(".")[1:]
    if not parts:
        return "core"
    if len(parts) == 1 and not (SOURCE / parts[0]).is_dir():
        return TOP_LEVEL_NODES.get(parts[0], "core")
    if parts[0] == "store" and len(parts) > 1 and parts[1] == "migrations":
        return "store/migrations"
    package = parts[:2] if len(parts) > 1 and (SOURCE / parts[0] / parts[1]).is_dir() else parts[:1]
    return "/".join(package)


def _type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imported_modules(path: Path, known: set[str]) -> set[str]:
    """The visitplanner modules ``path`` imports (a package's ``from p import m`` is ``p.m``)."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    stack: list[ast.AST] = [ast.parse(path.read_text(encoding="utf-8"), filename=str(path))]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If) and _type_checking(node.test):
            stack.extend(node.orelse)
            continue
        stack.extend(ast.iter_child_nodes(node))
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                child = f"{base}.{alias.name}"
                found.add(child if child in known else base)
    return {m for m in found if m.split(".")[0] == "visitplanner" and m in known}


def package_graph() -> Counter[tuple[str, str]]:
    """(importing node, imported node) -> how many module-to-module imports."""
    paths = sorted(SOURCE.rglob("*.py"))
    known = {module_name(p) for p in paths}
    edges: Counter[tuple[str, str]] = Counter()
    for path in paths:
        source = node_of(module_name(path))
        for target in imported_modules(path, known):
            if node_of(target) != source:
                edges[(source, node_of(target))] += 1
    return edges


def against_layers(edges: Counter[tuple[str, str]]) -> list[tuple[str, str]]:
    """The imports from a layer to one on its left (unknown packages count as such)."""
    return sorted((a, b) for a, b in edges if LAYER_OF.get(b, -1) < LAYER_OF.get(a, len(LAYERS)))


def _label(node: str) -> str:
    names = {
        "core": "visitplanner/*.py\\n(i18n, settings, files…)",
        "services": "services/*.py\\n(shared)",
    }
    return names.get(node, node.replace("/", "/\\n", 1) if "/" in node else node)


# Drawn between layers rather than packages: every package of the layer uses them.
SUMMARISED_TARGETS = ("storage",)
SUMMARISED_SOURCES = ("entry",)
LEFT_OUT_TARGETS = ("foundation",)  # everything uses it; said in the picture's title


def dot(edges: Counter[tuple[str, str]]) -> str:
    """Graphviz source: one column per layer, left to right, imports as arrows.

    Imports into the foundation are left out (every layer uses it), and those into
    storage or out of the entry points are drawn once per pair of layers; imports
    against the layers are always drawn, in red, package to package.
    """
    wrong = set(against_layers(edges))
    lines = [
        "digraph packages {",
        "  graph [rankdir=LR, newrank=true, compound=true, ranksep=0.9, nodesep=0.12,"
        ' fontname="DejaVu Sans", fontsize=13, labelloc=t, label="Visit Planner: packages'
        " and their imports, left to right (tools/package_map.py). Every layer also uses"
        ' the foundation; red: an import against the layers.\\n"];',
        '  node [shape=box, style="rounded,filled", fillcolor=white, fontname="DejaVu Sans",'
        " fontsize=11, height=0.3];",
        '  edge [color="#546e7a99", arrowsize=0.6];',
    ]
    layer_key = {node: LAYERS[index][0] for node, index in LAYER_OF.items()}
    for key, title, members in LAYERS:
        lines.append(f"  subgraph cluster_{key} {{")
        lines.append(f'    label="{title}"; style="rounded,filled"; fillcolor="{COLOURS[key]}";')
        lines.append('    color="#90a4ae"; fontsize=12; margin=10;')
        for node in members:
            lines.append(f'    "{node}" [label="{_label(node)}"];')
        lines.append("    {rank=same; " + " ".join(f'"{n}";' for n in members) + "}")
        lines.append("  }")
    for node in sorted({n for edge in edges for n in edge} - set(LAYER_OF)):
        lines.append(f'  "{node}" [fillcolor="#ffcdd2"];  // in no layer: add it to LAYERS')
    summarised: Counter[tuple[str, str]] = Counter()
    for (a, b), count in sorted(edges.items()):
        source, target = layer_key.get(a, "?"), layer_key.get(b, "?")
        if (a, b) in wrong:
            lines.append(
                f'  "{a}" -> "{b}" [color="#d32f2f", penwidth=1.6, constraint=false,'
                f' tooltip="{count} imports against the layers"];'
            )
        elif target in LEFT_OUT_TARGETS:
            continue
        elif target in SUMMARISED_TARGETS or source in SUMMARISED_SOURCES:
            summarised[(source, target)] += count
        else:
            width = 0.5 + math.log2(count) / 2
            extra = ", constraint=false" if source == target else ""
            lines.append(
                f'  "{a}" -> "{b}" [penwidth={width:.1f}{extra}, tooltip="{count} imports"];'
            )
    anchor = {key: members[0] for key, _title, members in LAYERS}
    order = [key for key, _title, _members in LAYERS]
    for left, right in pairwise(order):  # the columns' order
        lines.append(f'  "{anchor[left]}" -> "{anchor[right]}" [style=invis, weight=10];')
    for (source, target), count in sorted(summarised.items()):
        if source == target:
            continue
        lines.append(
            f'  "{anchor[source]}" -> "{anchor[target]}" [ltail=cluster_{source},'
            f' lhead=cluster_{target}, penwidth=2.2, color="#37474f99",'
            f' tooltip="{count} imports from layer to layer"];'
        )
    lines.append("}")
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="list imports against the layers")
    parser.add_argument("--dot", type=Path, default=DOCS / "packages.dot")
    parser.add_argument("--svg", type=Path, default=DOCS / "packages.svg")
    args = parser.parse_args()
    edges = package_graph()
    wrong = against_layers(edges)
    if args.check:
        for a, b in wrong:
            print(f"{a} -> {b} ({edges[(a, b)]} imports)")
        return 1 if wrong else 0
    args.dot.write_text(dot(edges), encoding="utf-8")
    print(f"{args.dot}: {len(edges)} package imports, {len(wrong)} against the layers")
    if shutil.which("dot") is None:
        print("Graphviz's dot is missing: the SVG was not drawn", file=sys.stderr)
        return 1
    subprocess.run(["dot", "-Tsvg", str(args.dot), "-o", str(args.svg)], check=True)
    print(args.svg)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
