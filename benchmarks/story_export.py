"""Prints how long the shared story takes to export as PDF, HTML and Markdown.

    python benchmarks/story_export.py [--entries N] [--photos N] [--keep DIR]

Builds, untimed, a catalogue whose story has ``--entries`` entries (one to four
paragraphs, a third of them with a bullet list, awkward characters in every one)
and ``--photos`` of them with a distinct 2000×1500 photo (a quarter stored lying
on their side with EXIF Orientation=6, as phones do), through
``story_entries.add_entry`` as a coordinator would. Then times each export twice:
the first PDF export also makes the print-size copies of the photos (the story
editor does not make them when a photo is attached), the later ones reuse them.

Target: 500 entries with 50 photos as a PDF in under 10 s.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

VOCABULARY = (
    "coopération territoire habitants Nguyễn Çağla Ørsted « tiers-lieu » d’abord "
    "entreprise sociale filière emploi circuit court mutualisation gouvernance R&D "
    "atelier partenaires collectivité financement expérimentation essaimage réseau <b>"
)
WORDS = VOCABULARY.split()
KINDS = ("visit", "seminar", "milestone", "decision", "note")
CHALLENGES = ("lasting_cooperation", "service_offer", "business_model", "societal_concerns")


def _text(rng: random.Random) -> str:
    paragraphs = []
    for _ in range(rng.randint(1, 4)):
        words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(30, 120)))
        paragraphs.append(words[0].upper() + words[1:] + ".")
    if rng.random() < 0.33:
        paragraphs.append("\n".join(f"- {rng.choice(WORDS)} {rng.choice(WORDS)}" for _ in range(4)))
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
    draw.text(
        (100, 100), f"Photo {number:03d}", fill=(255, 255, 255), font=ImageFont.load_default(160)
    )
    exif = Image.Exif()
    if number % 4 == 0:
        exif[0x0112] = 6
    image.save(path, "JPEG", quality=85, exif=exif.tobytes())


def build(folder: Path, entries: int, photos: int):
    """The catalogue, in ``folder``; its data folder must already be set in the environment."""
    from visitplanner.services.story import entries as story_entries
    from visitplanner.store.database import open_catalogue

    rng = random.Random(2026)
    catalogue = open_catalogue(str(folder / "catalogue.sqlite"))
    pictures = folder / "pictures"
    pictures.mkdir()
    with_photo = set(rng.sample(range(entries), photos))
    first = date(2023, 1, 9)
    for number in range(entries):
        photo = None
        if number in with_photo:
            photo = pictures / f"photo-{number:03d}.jpg"
            _photo(photo, number, rng)
        story_entries.add_entry(
            catalogue,
            story_entries.StoryEntryInput(
                date=first + timedelta(days=number * 2),
                title=f"Entrée n° {number + 1} : « coopérer » & <essaimer> 🙂",
                kind=KINDS[number % len(KINDS)],
                text=_text(rng),
                challenges=(CHALLENGES[number % 4],) if number % 3 else (),
                photo=photo,
                photo_caption=f"Photo {number} — « atelier » & Ørsted" if photo else None,
            ),
            rng.choice(("Hélène Marchand", "François Le Gall", "Çağla Yıldız")),
        )
    return catalogue


def _pages(path: Path) -> str:
    try:
        out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return "?"
    return next(ln.split()[1] for ln in out.stdout.splitlines() if ln.startswith("Pages:"))


def _size(path: Path) -> float:
    total = path.stat().st_size
    folder = path.with_name(f"{path.stem}-photos")
    if path.suffix == ".md" and folder.is_dir():
        total += sum(p.stat().st_size for p in folder.iterdir())
    return total / 1e6


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=500)
    parser.add_argument("--photos", type=int, default=50)
    parser.add_argument("--keep", type=Path, help="build in this (empty) folder and keep it")
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    with tempfile.TemporaryDirectory() as temporary:
        folder = args.keep or Path(temporary)
        folder.mkdir(parents=True, exist_ok=True)
        os.environ["VISITPLANNER_DATA"] = str(folder / "data")
        began = time.perf_counter()
        catalogue = build(folder, args.entries, args.photos)
        prepared = time.perf_counter() - began
        from visitplanner.services.story.export import export_story

        print(
            f"shared story, {args.entries} entries, {args.photos} photos "
            f"(data prepared in {prepared:.0f} s, not timed)"
        )
        for fmt in ("pdf", "html", "md", "pdf"):
            out = folder / f"récit.{fmt}"
            began = time.perf_counter()
            export_story(catalogue, fmt, out, network="Réseau", language="fr")  # type: ignore[arg-type]
            took = time.perf_counter() - began
            detail = f"{_pages(out)} pages, " if fmt == "pdf" else ""
            print(f"  {fmt:4} {took:6.2f} s  ({detail}{_size(out):.1f} MB)")
        catalogue.close()
        print("  (the first PDF also made the photos' print-size copies; target: PDF < 10 s)")


if __name__ == "__main__":
    main()
