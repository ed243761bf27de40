"""Prints how long the shared story takes to sync through a folder of 10,000 entries.

    python benchmarks/story_sync.py [--entries N] [--runs R]

Target (issue "récit commun"): a sync with nothing new takes well under a second.
Catalogue A writes N entries (with dynamics, challenges and French text of a few
paragraphs) and shares them; catalogue B, empty, reads them; then each syncs again
with nothing new, and once more after one edit on each side.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

TEXT = (
    "Nous avons passé la journée avec l’équipe d’animation : trois structures "
    "mutualisent un atelier, des tarifs solidaires et une gouvernance partagée.\n\n"
    "- Partir de l’intérêt des membres\n- Facturer certains services\n\n"
    "« On ne crée pas un service pour les membres, on le crée avec eux. »"
)


def fill(catalogue, entries: int) -> None:
    """N entries written as the services would, in one transaction for speed."""
    from visitplanner.exchange.story_folder import RevisionRecord
    from visitplanner.services.story import entries as story_entries

    start = date(2020, 1, 1)
    with catalogue.session() as session:
        origin = story_entries.catalogue_id(session)
        store = story_entries.RevisionStore(session)
        for i in range(entries):
            store.store(
                RevisionRecord(
                    entry=str(uuid.uuid4()),
                    revision=1,
                    origin=origin,
                    saved_at=story_entries.saved_now(),
                    date=start + timedelta(days=i % 2500),
                    title=f"Entrée n° {i} : visite apprenante à Figeac",
                    kind=("visit", "seminar", "milestone", "decision", "note")[i % 5],
                    text=TEXT,
                    author="Hélène Marchand",
                    dynamics=("Collectif Dynamiques pionnières",),
                    challenges=("lasting_cooperation", "business_model"),
                ),
            )


def timed(action) -> tuple[float, object]:
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        os.environ["VISITPLANNER_DATA"] = str(root / "data")
        from visitplanner.services.story import entries as story_entries
        from visitplanner.services.story import folder_sync
        from visitplanner.store.database import open_catalogue

        a = open_catalogue(str(root / "a.sqlite"))
        b = open_catalogue(str(root / "b.sqlite"))
        folder = root / "shared"
        folder.mkdir()
        seconds, _ = timed(lambda: fill(a, args.entries))
        print(f"{args.entries} entries written in catalogue A: {seconds:.1f} s")

        seconds, report = timed(lambda: folder_sync.sync_folder(a, folder))
        print(f"first sync, A shares {report.written} revisions: {seconds:.2f} s")
        seconds, report = timed(lambda: folder_sync.sync_folder(b, folder))
        print(f"first sync, B reads {report.read} revisions: {seconds:.2f} s")

        for name, catalogue in (("A", a), ("B", b)):
            figures = []
            for _ in range(args.runs):
                seconds, report = timed(lambda c=catalogue: folder_sync.sync_folder(c, folder))
                assert not report.changed_anything, report
                figures.append(seconds * 1000)
            print(
                f"nothing new, {name}: median {statistics.median(figures):.0f} ms, "
                f"max {max(figures):.0f} ms over {args.runs} syncs"
            )

        entry = story_entries.list_story(a, limit=1)[0]
        data = story_entries.StoryEntryInput(entry.date, entry.title, entry.kind, "Texte revu")
        story_entries.edit_entry(a, entry.uuid, data, "Hélène")
        seconds, report = timed(lambda: folder_sync.sync_folder(a, folder))
        print(f"one edit, A shares {report.written}: {seconds * 1000:.0f} ms")
        seconds, report = timed(lambda: folder_sync.sync_folder(b, folder))
        print(f"one edit, B reads {report.read}: {seconds * 1000:.0f} ms")
        a.close()
        b.close()


if __name__ == "__main__":
    main()
