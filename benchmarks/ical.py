"""Prints how long invitations take to write and answers take to read.

    python benchmarks/ical.py [--attendees N] [--replies N]

Targets: a REQUEST for a 500-attendee seminar in under 100 ms, and 1,000 reply
files read in under 5 s. The replies are the 14 answers captured from real
clients in ``tests/fixtures/imip`` (e-mails with base64 and quoted-printable
parts, Windows time zones...), copied to a temporary folder until there are
enough files, and read from disk one by one as the import dialog does.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from visitplanner.exchange.ical import CalEvent, CalPerson, build_itip, read_replies

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "imip"
REPLY_FILES = sorted(p for p in FIXTURES.iterdir() if "reply" in p.name or "counter" in p.name)


def seminar(attendees: int) -> CalEvent:
    start = datetime(2026, 6, 18, 9, 30, tzinfo=ZoneInfo("Europe/Paris"))
    return CalEvent(
        uid="seminaire-national-2026@visitplanner",
        sequence=3,
        summary="Séminaire national des dynamiques territoriales : « coopérer, ça s'apprend »",
        start=start,
        end=start + timedelta(days=1, hours=8),
        location="Palais des congrès, 2 place de la République, 69002 Lyon",
        description="Question : comment coopérer ?\n" + "09:30 Accueil, café\n" * 20,
        organizer=CalPerson("coordination@reseau-dynamiques.fr", "Réseau, coordination"),
        attendees=tuple(
            CalPerson(f"participant.{i}@collectivite-{i % 97}.fr", f"Participant·e n°{i}, Jura")
            for i in range(attendees)
        ),
    )


def time_request(attendees: int, runs: int = 20) -> float:
    event = seminar(attendees)
    stamp = datetime(2026, 5, 1, tzinfo=UTC)
    build_itip(event, "REQUEST", dtstamp=stamp)  # warm-up: imports, zone checks
    timings = []
    for _ in range(runs):
        began = time.perf_counter()
        build_itip(event, "REQUEST", dtstamp=stamp)
        timings.append(time.perf_counter() - began)
    return statistics.median(timings)


def time_replies(count: int) -> tuple[float, int]:
    folder = Path(tempfile.mkdtemp(prefix="vp-replies-"))
    try:
        files = []
        for i in range(count):
            source = REPLY_FILES[i % len(REPLY_FILES)]
            target = folder / f"{i:04d}-{source.name}"
            shutil.copyfile(source, target)
            files.append(target)
        began = time.perf_counter()
        answers = sum(len(read_replies(path.read_bytes(), path.name)) for path in files)
        return time.perf_counter() - began, answers
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--attendees", type=int, default=500)
    parser.add_argument("--replies", type=int, default=1000)
    args = parser.parse_args()
    request = time_request(args.attendees)
    print(f"REQUEST with {args.attendees} attendees: {request * 1000:.1f} ms (target < 100 ms)")
    elapsed, answers = time_replies(args.replies)
    print(
        f"{args.replies} reply files read ({answers} answers): {elapsed:.2f} s (target < 5 s), "
        f"{elapsed / args.replies * 1000:.2f} ms per file"
    )


if __name__ == "__main__":
    main()
