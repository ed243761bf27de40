"""Ten coordinators editing one team catalogue at once: no lost update, no error shown.

    python benchmarks/team_edits.py [--seconds 60] [--workers 10] [--people 300] [--think 0.5-2]
                                    [--large LARGE.sqlite] [--skip-people-page] [--skip-edits]

Starts a throw-away PostgreSQL server as the tests do (tests/postgres.py), adds a few
hundred people, then runs ``--workers`` processes for ``--seconds``: each picks a
random person, appends a token of its own to the notes through the public services,
naming the version it read (as a form does). Refused with EditConflict, it re-applies
its token to the other save's notes and saves again with their version (a person
choosing "merge"). At the end every acknowledged token must be in its person's notes:
a missing one is a lost update. Errors are exceptions other than EditConflict.
Targets: 0 lost updates, 0 errors, p95 save latency <= 100 ms.

Then the People page on the large demo catalogue (100,000 people), on SQLite and on a
PostgreSQL copy of it (``visitplanner copy``), measured as
benchmarks/catalogue_window.py measures it. Target: PostgreSQL within 1.5x SQLite.
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib.util
import json
import multiprocessing
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _load(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def worker(
    url: str,
    number: int,
    seconds: float,
    think: tuple[float, float],
    results: multiprocessing.Queue,
) -> None:
    """One coordinator: random people, a token appended to the notes, conflicts merged.

    ``think``: seconds spent reading and typing between two saves, drawn uniformly from
    the range (a person saves a form every few seconds at most); (0, 0) saves flat out.
    """
    from visitplanner.domain.errors import EditConflict
    from visitplanner.services.directory import records as cat
    from visitplanner.store.database import open_catalogue

    catalogue = open_catalogue(url)
    catalogue.actor.coordinator = f"Coordinator {number}"
    ids = [p.id for p in cat.list_people(catalogue)]
    rng = random.Random(number)
    saves = conflicts = errors = 0
    latencies: list[float] = []
    acknowledged: list[tuple[int, str]] = []
    error_texts: list[str] = []
    deadline = time.monotonic() + seconds
    n = 0
    while time.monotonic() < deadline:
        if think[1] > 0:
            time.sleep(rng.uniform(*think))
        person_id = rng.choice(ids)
        n += 1
        token = f"w{number}n{n}"
        try:
            view = cat.get_person(catalogue, person_id)
            notes, version = view.notes, view.version
            while True:
                data = dataclasses.replace(
                    cat.person_input(view),
                    notes=f"{notes or ''} {token}".strip(),
                    expected_version=version,
                )
                start = time.perf_counter()
                try:
                    cat.update_person(catalogue, person_id, data)
                except EditConflict as conflict:
                    conflicts += 1
                    view = conflict.theirs
                    notes, version = view.notes, conflict.version
                    continue
                latencies.append(time.perf_counter() - start)
                saves += 1
                acknowledged.append((person_id, token))
                break
        except Exception as exc:  # counted: the benchmark's "errors shown"
            errors += 1
            error_texts.append(f"{type(exc).__name__}: {exc}"[:200])
    catalogue.close()
    results.put(
        {
            "saves": saves,
            "conflicts": conflicts,
            "errors": errors,
            "latencies": latencies,
            "acknowledged": acknowledged,
            "error_texts": error_texts[:5],
        }
    )


def team_edits(
    url: str, workers: int, seconds: float, people: int, think: tuple[float, float] = (0, 0)
) -> None:
    from visitplanner.services.directory import records as cat
    from visitplanner.store.database import open_catalogue

    catalogue = open_catalogue(url)
    for i in range(people):
        cat.create_person(catalogue, cat.PersonInput(family_name=f"Personne {i:04d}"))
    catalogue.close()

    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    processes = [
        context.Process(target=worker, args=(url, n, seconds, think, results))
        for n in range(workers)
    ]
    for process in processes:
        process.start()
    outcomes = [results.get(timeout=seconds + 120) for _ in processes]
    for process in processes:
        process.join()

    catalogue = open_catalogue(url)
    notes = {p.id: set((p.notes or "").split()) for p in cat.list_people(catalogue)}
    catalogue.close()
    acknowledged = [a for o in outcomes for a in o["acknowledged"]]
    lost = [(pid, token) for pid, token in acknowledged if token not in notes[pid]]
    latencies = sorted(x for o in outcomes for x in o["latencies"])
    saves = sum(o["saves"] for o in outcomes)
    conflicts = sum(o["conflicts"] for o in outcomes)
    errors = sum(o["errors"] for o in outcomes)

    def pct(p: float) -> float:
        return latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000

    print(f"{workers} coordinators, {seconds:.0f} s, {people} people on PostgreSQL")
    print(f"saves acknowledged                {saves}  ({saves / seconds:.0f}/s)")
    print(f"conflicts (merged and saved again) {conflicts}")
    print(f"lost updates                      {len(lost)}   target 0")
    print(f"errors                            {errors}   target 0")
    for text in {t for o in outcomes for t in o["error_texts"]}:
        print(f"  {text}")
    print(
        f"save latency                      p50 {pct(0.50):.1f} ms, p95 {pct(0.95):.1f} ms, "
        f"p99 {pct(0.99):.1f} ms   target p95 <= 100 ms"
    )


def people_page(db: str) -> float:
    """Seconds to open the People page, as benchmarks/catalogue_window.py measures it."""
    pages = _load(ROOT / "benchmarks" / "catalogue_window.py", "catalogue_window").PAGES
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", pages, db], capture_output=True, text=True, env=env)
    # The figures are printed before the window closes: a crash on the way out (a
    # background thread still running) does not make them wrong.
    lines = [line for line in out.stdout.splitlines() if line.startswith("{")]
    if not lines:
        raise RuntimeError(f"the People page did not open: {out.stderr[-800:]}")
    return json.loads(lines[-1])["people_open"]


def people_pages(socket_folder: str, large: str, runs: int) -> None:
    postgres = _load(ROOT / "tests" / "postgres.py", "postgres")
    if not os.path.exists(large):
        print(f"building the large demo catalogue in {large}…", flush=True)
        cmd = [sys.executable, "-m", "visitplanner", "--db", large, "demo", "--size", "large"]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    url = postgres.new_database(socket_folder)
    print("copying it to PostgreSQL (a few minutes)…", flush=True)
    start = time.perf_counter()
    cmd = [sys.executable, "-m", "visitplanner", "copy", large, url]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    print(f"  copied in {time.perf_counter() - start:.0f} s", flush=True)
    sqlite = statistics.median(people_page(large) for _ in range(runs))
    server = statistics.median(people_page(url) for _ in range(runs))
    print(
        f"people page open, 100,000 people   SQLite {sqlite * 1000:.0f} ms, "
        f"PostgreSQL {server * 1000:.0f} ms, ratio {server / sqlite:.2f}   target <= 1.5"
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=10)
    parser.add_argument("--people", type=int, default=300)
    parser.add_argument("--runs", type=int, default=3, help="People page openings per engine")
    parser.add_argument(
        "--large", default=os.path.join(tempfile.gettempdir(), "visitplanner-bench-large.sqlite")
    )
    parser.add_argument(
        "--think",
        default="0.5-2",
        help="seconds a coordinator reads and types between saves, as MIN-MAX (0: flat out)",
    )
    parser.add_argument("--skip-people-page", action="store_true")
    parser.add_argument("--skip-edits", action="store_true")
    args = parser.parse_args()
    postgres = _load(ROOT / "tests" / "postgres.py", "postgres")
    with postgres.server() as socket_folder:
        if not args.skip_edits:
            url = postgres.new_database(socket_folder)
            low, _, high = args.think.partition("-")
            think = (float(low), float(high or low))
            print(f"think time between saves: {think[0]}-{think[1]} s", flush=True)
            team_edits(url, args.workers, args.seconds, args.people, think)
        if not args.skip_people_page:
            people_pages(socket_folder, args.large, args.runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
