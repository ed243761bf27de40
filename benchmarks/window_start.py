"""Prints how long the window takes from process start to shown, beside a bare Qt window.

    python benchmarks/window_start.py [--db CATALOGUE] [--runs N]

Both are measured in fresh processes, offscreen, in the same run, so the
difference is what Visit Planner itself adds (imports, catalogue, first page).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile

BARE = """
import time; t0 = time.perf_counter()
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([]); w = QMainWindow(); w.resize(1280, 800); w.show(); app.processEvents()
print(time.perf_counter() - t0)
"""

APP = """
import time; t0 = time.perf_counter()
import sys
from PySide6.QtWidgets import QApplication
app = QApplication([])
from visitplanner.i18n import set_language; set_language("fr")
from visitplanner.settings import Settings
from visitplanner.store.database import open_catalogue
from visitplanner.ui.main_window import MainWindow
w = MainWindow(open_catalogue(sys.argv[1]), Settings()); w.show(); app.processEvents()
print(time.perf_counter() - t0)
"""


def measure(code: str, args: list[str], runs: int) -> list[float]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    times = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, check=True
        )
        times.append(float(out.stdout.strip().splitlines()[-1]))
    return times


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", help="catalogue to open (default: a new demo catalogue)")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    db = args.db
    if db is None:
        db = os.path.join(tempfile.mkdtemp(prefix="vp-start-"), "demo.sqlite")
        subprocess.run(
            [sys.executable, "-m", "visitplanner", "--db", db, "demo"],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    for label, code, extra in (
        ("bare PySide6 window", BARE, []),
        ("Visit Planner window", APP, [db]),
    ):
        times = measure(code, extra, args.runs)
        print(f"{label:<24} median {statistics.median(times):.3f} s  (min {min(times):.3f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
