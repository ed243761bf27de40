"""Prints how long the window takes to its first paint, beside a bare Qt window, and the ratio.

    python benchmarks/window_start.py [--db CATALOGUE] [--runs N]

Both are measured in fresh processes, offscreen, taking turns in the same run (so a
busy machine slows both alike): from the first line of the process's code to the end
of the event processing in which the window received its first paint event. The bare
window is a QApplication and an empty QMainWindow; Visit Planner's opens the catalogue
(the large demo one by default, made once and kept under the temporary folder) and
shows the dashboard. The difference is what Visit Planner itself adds: imports,
catalogue, first page. "filled" is when the dashboard's lists hold their rows. CPU
time is printed beside the wall-clock time: it varies less on a busy machine.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from timing import large_demo

FIRST_PAINT = """
class FirstPaint(QObject):
    seen = False

    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            FirstPaint.seen = True
        return False

spy = FirstPaint()
w.installEventFilter(spy)
w.show()
while not FirstPaint.seen:
    app.processEvents()
painted = time.perf_counter() - t0, time.process_time() - c0
"""

BARE = (
    """
import time; t0, c0 = time.perf_counter(), time.process_time()
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
w = QMainWindow(); w.resize(1280, 800)
"""
    + FIRST_PAINT
    + "print(*painted, painted[0])\n"
)

APP = (
    """
import time; t0, c0 = time.perf_counter(), time.process_time()
import sys
from visitplanner.app import import_catalogue_side
import_catalogue_side()  # before Qt, as app.run does
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication
app = QApplication([])
from visitplanner.i18n import set_language; set_language("fr")
from visitplanner.settings import Settings
from visitplanner.store.database import open_catalogue
from visitplanner.ui.main_window import MainWindow
w = MainWindow(open_catalogue(sys.argv[1]), Settings())
"""
    + FIRST_PAINT
    + """
dashboard = w.pages["dashboard"]
while not dashboard.upcoming.count():
    app.processEvents()
print(*painted, time.perf_counter() - t0)
"""
)


def run(code: str, args: list[str], settings: str) -> tuple[float, float, float]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", VISITPLANNER_SETTINGS=settings)
    # Compiled modules, as an installed application has them (kept out of the checkout).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(Path(settings).parent / "pycache")
    out = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, check=True
    )
    wall, cpu, filled = out.stdout.strip().splitlines()[-1].split()
    return float(wall), float(cpu), float(filled)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", help="catalogue to open (default: the large demo catalogue)")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    cache = Path(tempfile.gettempdir()) / "visitplanner-benchmarks"
    cache.mkdir(exist_ok=True)
    db = args.db or str(cache / "large.sqlite")
    if not Path(db).exists():
        large_demo(None, cache)
    settings = str(cache / "window-start-settings.json")  # the dashboard, not a last page
    run(APP, [db], settings)  # once untimed: upgrades the catalogue, compiles, warms caches
    bare, app = [], []
    for _ in range(args.runs):
        bare.append(run(BARE, [], settings))
        app.append(run(APP, [db], settings))
    rows = (
        ("bare Qt window, first paint", [b[0] for b in bare], [b[1] for b in bare]),
        ("Visit Planner, first paint", [a[0] for a in app], [a[1] for a in app]),
        ("Visit Planner, dashboard filled", [a[2] for a in app], None),
    )
    median = statistics.median
    for label, wall, cpu in rows:
        line = f"{label:<32} median {median(wall):.3f} s (min {min(wall):.3f} s)"
        print(line + (f", CPU {median(cpu):.3f} s" if cpu else ""))
    wall_ratio = median(rows[1][1]) / median(rows[0][1])
    cpu_ratio = median(rows[1][2]) / median(rows[0][2])
    print(f"{'first paints, ratio':<32} {wall_ratio:.1f}x wall, {cpu_ratio:.1f}x CPU (target: 6x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
