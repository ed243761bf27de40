"""The catalogue window's four speed figures on the large demo catalogue (100,000 people).

    python benchmarks/catalogue_window.py [--db LARGE.sqlite] [--runs 5]

Targets: window shown and usable < 1.5 s from process start (beside a bare
PySide6 window measured the same way); people page open < 300 ms; filter
results < 100 ms per keystroke; memory growth from opening every page < 150 MB.
Everything runs offscreen, in fresh processes, on the machine at hand.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

BARE = """
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([]); w = QMainWindow(); w.resize(1280, 800); w.show(); app.processEvents()
print("READY", flush=True)
"""

APP = """
import sys
from PySide6.QtWidgets import QApplication
app = QApplication([])
app.setStyle("Fusion")
from visitplanner.i18n import set_language; set_language("fr")
from visitplanner.settings import Settings
from visitplanner.store.database import open_catalogue
from visitplanner.ui.main_window import MainWindow
w = MainWindow(open_catalogue(sys.argv[1]), Settings()); w.show(); app.processEvents()
print("READY", flush=True)
"""

PAGES = """
import json, sys, time
from PySide6.QtWidgets import QApplication
app = QApplication([])
from visitplanner.i18n import set_language; set_language("fr")
from visitplanner.settings import Settings
from visitplanner.store.database import open_catalogue
from visitplanner.ui.main_window import PAGES, MainWindow

def rss_mb():
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024

w = MainWindow(open_catalogue(sys.argv[1]), Settings()); w.show(); app.processEvents()
before = rss_mb()
t = time.perf_counter(); w.show_page("people"); app.processEvents()
people_open = time.perf_counter() - t
page = w.page("people")
page.table.verticalScrollBar().setValue(page.table.verticalScrollBar().maximum() // 2)
app.processEvents()
keystrokes = []
for word in ("helene", "moreau", "cholet", "a"):
    for n in range(1, len(word) + 1):
        page.filter.setText(word[:n])
        t = time.perf_counter(); page.reload(); app.processEvents()
        keystrokes.append(time.perf_counter() - t)
    page.filter.setText(""); page.reload(); app.processEvents()
for key, _title in PAGES:
    w.show_page(key); app.processEvents()
after = rss_mb()
print(json.dumps({"people_open": people_open, "keystrokes": keystrokes,
                  "rss_before": before, "rss_after": after}), flush=True)
# As the app does on its way out: background work (the dashboard's lists, the story
# sync) is awaited before the interpreter ends, or Qt aborts on a running thread.
from visitplanner.ui import tasks
tasks.settle()
w.close()
"""


def until_ready(code: str, args: list[str]) -> float:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", code, *args], stdout=subprocess.PIPE, text=True, env=env
    )
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("READY"):
            elapsed = time.perf_counter() - start
            proc.kill()
            proc.wait()
            return elapsed
    raise RuntimeError("the window never became ready")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", help="a large demo catalogue (built if missing)")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    db = args.db or os.path.join(tempfile.gettempdir(), "visitplanner-bench-large.sqlite")
    if not os.path.exists(db):
        print(f"building the large demo catalogue in {db}…")
        cmd = [sys.executable, "-m", "visitplanner", "--db", db, "demo", "--size", "large"]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)

    bare = [until_ready(BARE, []) for _ in range(args.runs)]
    app = [until_ready(APP, [db]) for _ in range(args.runs)]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run(
        [sys.executable, "-c", PAGES, db], capture_output=True, text=True, env=env, check=True
    )
    figures = json.loads(out.stdout.strip().splitlines()[-1])
    keys = figures["keystrokes"]
    print(
        f"window shown, from process start   median {statistics.median(app):.3f} s"
        f"  (bare PySide6 window {statistics.median(bare):.3f} s)   target < 1.5 s"
    )
    print(
        f"people page open                   {figures['people_open'] * 1000:.0f} ms"
        "   target < 300 ms"
    )
    print(
        f"filter, per keystroke ({len(keys)} keys)   median {statistics.median(keys) * 1000:.0f} ms"
        f", max {max(keys) * 1000:.0f} ms   target < 100 ms"
    )
    growth = figures["rss_after"] - figures["rss_before"]
    print(
        f"memory growth, every page opened   {growth:.0f} MB"
        f"  ({figures['rss_before']:.0f} → {figures['rss_after']:.0f} MB)   target < 150 MB"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
