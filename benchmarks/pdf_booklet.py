"""Prints how long a large booklet of debriefs takes to build, and how much memory it needs.

    python benchmarks/pdf_booklet.py [--visits N] [--photos N] [--keep DIR]
    python benchmarks/pdf_booklet.py --photos 800

Builds, untimed, a catalogue of visits whose debriefs have long texts (several
paragraphs per section, 5 takeaways, 4 actions) and distinct 2000×1500 photos
(a quarter of them stored lying on their side with EXIF Orientation=6, as phones
do), then times ``booklet_pdf`` in a fresh process so that its peak memory is
its own. Adding a photo makes its print-size copy once (part of the untimed
preparation, as when a coordinator drops photos on a debrief); both builds then
embed those JPEG files as they are.

Targets: about 300 pages with 200 photos in under 10 s, and under 500 MB peak
whatever the number of photos (``--photos 800``: about 600 pages, 215 MB of JPEG).
``--keep DIR`` builds the catalogue in DIR and keeps it; run again with the same DIR,
the catalogue there is measured again without being prepared anew.

    python benchmarks/pdf_booklet.py --large-demo FILE.sqlite

builds the booklet of every debrief of the large demo catalogue (5,000 debriefs,
about 5,500 pages; the catalogue is made first with ``demo --size large`` when FILE
does not exist) in a fresh process and prints its time and peak memory. Target:
under 500 MB whatever the number of visits.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

VOCABULARY = (
    "coopération territoire habitants Nguyễn Çağla Ørsted « tiers-lieu » d’abord "
    "entreprise sociale filière emploi circuit court mutualisation gouvernance R&D "
    "atelier partenaires collectivité financement expérimentation essaimage réseau"
)
WORDS = VOCABULARY.split()
CHALLENGES = ("lasting_cooperation", "service_offer", "business_model", "societal_concerns", None)


def _rss_mb() -> float:
    """Current resident set size, from /proc/self/status (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _paragraphs(rng: random.Random, count: int, words: int = 110) -> str:
    paragraphs = []
    for _ in range(count):
        text = " ".join(rng.choice(WORDS) for _ in range(words))
        paragraphs.append(text[0].upper() + text[1:] + ".")
    return "\n\n".join(paragraphs)


def _photo(path: Path, number: int, rng: random.Random) -> None:
    from PIL import Image, ImageDraw, ImageFont

    width, height = 2000, 1500
    noise = Image.effect_noise((width // 8, height // 8), 60).resize((width, height))
    gradient = Image.linear_gradient("L").resize((width, height))
    flat = Image.new("L", (width, height), rng.randrange(40, 220))
    channels = [noise, gradient, flat]
    rng.shuffle(channels)
    image = Image.merge("RGB", channels)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=160)
    draw.text((100, 100), f"Photo {number:03d}", fill=(255, 255, 255), font=font)
    exif = Image.Exif()
    if number % 4 == 0:
        exif[0x0112] = 6  # a phone held upright: stored landscape, shown portrait
    image.save(path, "JPEG", quality=85, exif=exif.tobytes())


def build(folder: Path, visits: int, photos: int) -> Path:
    """The catalogue, in ``folder``; its data folder must already be set in the environment."""
    from visitplanner.services.directory import records as people
    from visitplanner.services.documents import debriefs
    from visitplanner.services.documents.photos import add_photo
    from visitplanner.services.events import planning
    from visitplanner.store.database import open_catalogue

    rng = random.Random(2026)
    db = folder / "catalogue.sqlite"
    catalogue = open_catalogue(str(db))
    owners = []
    for family, given in (("Nguyễn", "Thị Lan"), ("Yıldız", "Çağla"), ("Ørsted", "Søren")):
        created = people.create_person(
            catalogue, people.PersonInput(family_name=family, given_name=given)
        ).created
        owners.append(next(i for kind, i in created if kind == "person"))
    pictures = folder / "pictures"
    pictures.mkdir()
    first = date(2026, 1, 6)
    for visit in range(visits):
        day = first + timedelta(days=7 * visit)
        changes = planning.create_event(
            catalogue,
            planning.EventInput(
                kind="visit",
                title=f"Visite apprenante n° {visit + 1} : « coopérer » & essaimer",
                start=f"{day.isoformat()}T09:30",
                end=f"{day.isoformat()}T17:00",
                location="La Fabrique du Bocage, 21 rue des Tisserands, 59610 Fourmies",
            ),
        )
        event_id = next(i for kind, i in changes.created if kind == "event")
        view = debriefs.open_debrief(catalogue, event_id)
        for field in debriefs.TEXT_FIELDS:
            debriefs.save_text(catalogue, view.id, field, _paragraphs(rng, 7))
        debriefs.save_takeaways(
            catalogue,
            view.id,
            [
                debriefs.TakeawayInput(_paragraphs(rng, 1, 40), CHALLENGES[i % len(CHALLENGES)])
                for i in range(5)
            ],
        )
        debriefs.save_actions(
            catalogue,
            view.id,
            [
                debriefs.ActionInput(
                    _paragraphs(rng, 1, 20), owners[i % 3], day + timedelta(days=30), i == 0
                )
                for i in range(4)
            ],
        )
        for number in range(visit, photos, visits):
            path = pictures / f"photo-{number:03d}.jpg"
            _photo(path, number, rng)
            add_photo(catalogue, view.id, path, caption=f"Photo {number} — « atelier » & Ørsted")
        debriefs.set_status(catalogue, view.id, "final")
    catalogue.close()
    return db


def measure(db: Path, out: Path) -> dict:
    """Runs in a fresh process: two timed builds, with memory before and after the first."""
    from visitplanner.services.documents import printing as documents
    from visitplanner.store.database import open_catalogue

    catalogue = open_catalogue(str(db))
    rss_before, maxrss_before = _rss_mb(), _maxrss_mb()
    began, cpu = time.perf_counter(), time.process_time()
    documents.booklet_pdf(catalogue, out, title="Livret des visites 2026", network="Réseau")
    cold, cold_cpu = time.perf_counter() - began, time.process_time() - cpu
    rss_after, maxrss_after = _rss_mb(), _maxrss_mb()
    began = time.perf_counter()
    documents.booklet_pdf(catalogue, out, title="Livret des visites 2026", network="Réseau")
    warm = time.perf_counter() - began
    catalogue.close()
    return {
        "cold": cold,
        "cold_cpu": cold_cpu,
        "warm": warm,
        "rss_before": rss_before,
        "rss_after": rss_after,
        "maxrss_before": maxrss_before,
        "maxrss_after": maxrss_after,
        "peak_after_warm": _maxrss_mb(),
    }


def measure_large(db: Path, out: Path) -> dict:
    """Runs in a fresh process: one build of every debrief, with the peak memory it reached."""
    from visitplanner.services.documents import printing as documents
    from visitplanner.store.database import open_catalogue

    catalogue = open_catalogue(str(db))
    maxrss_before = _maxrss_mb()
    began, cpu = time.perf_counter(), time.process_time()
    documents.booklet_pdf(catalogue, out, title="Livret des visites", network="Réseau")
    elapsed, cpu = time.perf_counter() - began, time.process_time() - cpu
    catalogue.close()
    return {"time": elapsed, "cpu": cpu, "maxrss_before": maxrss_before, "maxrss": _maxrss_mb()}


def large_demo(db: Path) -> None:
    if not db.exists():
        subprocess.run(
            [sys.executable, "-m", "visitplanner", "--db", str(db), "demo", "--size", "large"],
            check=True,
        )
    out = db.with_suffix(".booklet.pdf")
    child = subprocess.run(
        [sys.executable, __file__, "--measure-large", str(db), str(out)],
        capture_output=True,
        text=True,
        check=True,
    )
    m = json.loads(child.stdout.splitlines()[-1])
    print(
        f"booklet of the large demo catalogue: {_pages(out)} pages, "
        f"{out.stat().st_size / 1e6:.1f} MB file, {m['time']:.0f} s ({m['cpu']:.0f} s CPU), "
        f"peak RSS {m['maxrss']:.0f} MB (process at start {m['maxrss_before']:.0f} MB)\n"
        f"  target: under 500 MB"
    )


def _pages(path: Path) -> str:
    try:
        out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return "?"
    return next(ln.split()[1] for ln in out.stdout.splitlines() if ln.startswith("Pages:"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--visits", type=int, default=30)
    parser.add_argument("--photos", type=int, default=200)
    parser.add_argument("--keep", type=Path, help="build in this (empty) folder and keep it")
    parser.add_argument("--large-demo", type=Path, metavar="FILE.sqlite")
    parser.add_argument("--measure", nargs=2, type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--measure-large", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(*args.measure)))
        return
    if args.measure_large:
        print(json.dumps(measure_large(*args.measure_large)))
        return
    if args.large_demo:
        large_demo(args.large_demo)
        return
    with tempfile.TemporaryDirectory() as temporary:
        folder = args.keep or Path(temporary)
        folder.mkdir(parents=True, exist_ok=True)
        os.environ["VISITPLANNER_DATA"] = str(folder / "data")
        began = time.perf_counter()
        db = folder / "catalogue.sqlite"
        reused = db.exists()
        if reused:
            made = f"catalogue of {folder} reused"
        else:
            db = build(folder, args.visits, args.photos)
            made = f"data prepared in {time.perf_counter() - began:.0f} s, not timed"
        out = folder / "livret.pdf"
        child = subprocess.run(
            [sys.executable, __file__, "--measure", str(db), str(out)],
            capture_output=True,
            text=True,
            check=True,
        )
        m = json.loads(child.stdout.splitlines()[-1])
        what = "booklet" if reused else f"booklet, {args.visits} visits, {args.photos} photos"
        print(
            f"{what} ({made}): {_pages(out)} pages, {out.stat().st_size / 1e6:.1f} MB file\n"
            f"  first build: {m['cold']:.2f} s ({m['cold_cpu']:.2f} s CPU), "
            f"peak RSS {m['maxrss_after']:.0f} MB "
            f"(the process held {m['maxrss_before']:.0f} MB before it; "
            f"VmRSS {m['rss_before']:.0f} → {m['rss_after']:.0f} MB)\n"
            f"  second build: {m['warm']:.2f} s, peak RSS {m['peak_after_warm']:.0f} MB\n"
            f"  targets: under 500 MB whatever the number of photos; 200 photos in under 10 s"
        )


if __name__ == "__main__":
    main()
