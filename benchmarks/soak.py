"""Acknowledged means durable: writers killed with SIGKILL at random moments.

    python benchmarks/soak.py [--runs 1000] [--seed N] [--folder DIR]

Half the writers save people as the window does (the window's lock, then the
services), half run ``visitplanner event add`` commands; each is killed after a
random delay, often while it is still opening the catalogue. After each kill the
catalogue must pass ``PRAGMA integrity_check`` and hold every write acknowledged
so far (the journal of acknowledgements is kept by this process). The same engine
runs 100 kills in the test suite (tests/reliability/test_soak.py); POSIX only.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "reliability"))

from soak import run_soak


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1000)
    parser.add_argument("--seed", type=int)
    parser.add_argument("--folder", type=Path, help="keep the catalogue and journal here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="visitplanner-soak-") as scratch:
        folder = args.folder or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        figures = run_soak(folder, args.runs, seed=args.seed)
    print("\n".join(figures.lines()))
    if figures.lost:
        print("lost:", ", ".join(figures.lost[:20]))
    healthy = not figures.lost and set(figures.integrity) == {"ok"}
    return 0 if healthy and figures.runs == args.runs else 1


if __name__ == "__main__":
    sys.exit(main())
