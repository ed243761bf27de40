"""Prints how long the large demo catalogue takes to build and the CLI takes to answer on it.

    python benchmarks/demo_and_cli.py [--keep PATH]

Targets: the large demo (100,000 people, 20,000 events, 200,000 participations) in
under 60 s; opening a catalogue and listing stays interactive.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def timed(label: str, command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    elapsed = time.perf_counter() - start
    print(f"{label:<45} {elapsed:8.2f} s")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--keep", help="build the catalogue here and keep it")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="vp-bench-"))
    db = Path(args.keep) if args.keep else folder / "large.sqlite"
    db.unlink(missing_ok=True)
    cli = [sys.executable, "-m", "visitplanner", "--db", str(db)]
    timed("demo --size large (process total)", [*cli, "demo", "--size", "large"])
    print(f"{'catalogue size':<45} {db.stat().st_size / 1e6:8.1f} MB")
    timed("--version (process start)", [sys.executable, "-m", "visitplanner", "--version"])
    timed("list dynamics (open + query)", [*cli, "list", "dynamics"])
    timed("list people --search 'helene'", [*cli, "list", "people", "--search", "helene"])
    timed("show event 1 --json", [*cli, "show", "event", "1", "--json"])
    timed("backup", [*cli, "backup", "--out", str(folder / "copy.sqlite")])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
