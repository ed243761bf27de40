"""Renders the application icon's PNG sizes and the Windows ``.ico`` from the one SVG.

    python tools/render_icons.py OUTDIR

writes ``OUTDIR/NxN/apps/fr.dynamiques.VisitPlanner.png`` (the freedesktop hicolor
layout) for every size and ``OUTDIR/fr.dynamiques.VisitPlanner.ico``. The outputs are
build products, never committed. Runs without a display (Qt's offscreen platform).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APP_ID = "fr.dynamiques.VisitPlanner"
SVG = ROOT / "resources" / "icons" / f"{APP_ID}.svg"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def png_path(out: Path, size: int) -> Path:
    return out / f"{size}x{size}" / "apps" / f"{APP_ID}.png"


def render(out: Path, svg: Path = SVG, sizes: tuple[int, ...] = SIZES) -> list[Path]:
    """Writes one PNG per size and the ``.ico``; returns every file written."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"not a valid SVG: {svg}")
    written: list[Path] = []
    for size in sizes:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        renderer.render(painter)
        painter.end()
        target = png_path(out, size)
        target.parent.mkdir(parents=True, exist_ok=True)
        if not image.save(str(target), "PNG"):
            raise SystemExit(f"cannot write {target}")
        written.append(target)
    written.append(write_ico(out, [s for s in ICO_SIZES if s in sizes]))
    return written


def write_ico(out: Path, sizes: list[int]) -> Path:
    """One multi-size ``.ico``, each size from its own render (not a downscale of 256)."""
    from PIL import Image

    frames = [Image.open(png_path(out, s)).convert("RGBA") for s in sizes]
    target = out / f"{APP_ID}.ico"
    largest = frames[-1]
    largest.save(
        target,
        format="ICO",
        sizes=[(s, s) for s in sizes],
        append_images=frames[:-1],
    )
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="output folder (hicolor layout)")
    parser.add_argument("--svg", type=Path, default=SVG)
    args = parser.parse_args(argv)
    for path in render(args.out, args.svg):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(argv=None))
