"""What the large-catalogue benchmarks share: best-of-N timing and the large demo catalogue.

Imported by the scripts beside it (``python benchmarks/NAME.py`` puts this folder on the path).
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


def timed(label: str, repeat: int, work: Callable[[], Any]) -> Any:
    """Runs ``work`` ``repeat`` times; prints the best wall-clock and CPU times."""
    best_wall = best_cpu = float("inf")
    result = None
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        result = work()
        best_wall = min(best_wall, time.perf_counter() - wall)
        best_cpu = min(best_cpu, time.process_time() - cpu)
    print(f"{label:<52} {best_wall * 1000:8.0f} ms wall {best_cpu * 1000:8.0f} ms CPU")
    return result


def large_demo(db: str | None, folder: Path) -> Path:
    """``db`` when given (an existing large demo catalogue), else a new one made in ``folder``."""
    if db:
        return Path(db)
    path = folder / "large.sqlite"
    subprocess.run(
        [sys.executable, "-m", "visitplanner", "--db", str(path), "demo", "--size", "large"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return path
