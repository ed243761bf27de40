"""A booklet written in parts and joined reads as one document.

reportlab keeps every page and photo of a document until it saves it, so the booklet
is written in runs of chapters, each saved as a PDF of its own, then joined. The join
loses what belongs to the whole document (outline, links from the contents to the
chapters, metadata); these tests read the joined file as a reader would: page numbers,
contents links, bookmarks, running headers and photos across the parts.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from visitplanner.exchange.pdf import joining
from visitplanner.exchange.pdf.booklet import Booklet, build_booklet
from visitplanner.exchange.pdf.debrief import DebriefReport
from visitplanner.exchange.pdf.streaming import plan_parts

pytestmark = pytest.mark.skipif(
    not all(shutil.which(tool) for tool in ("pdftotext", "pdfinfo")),
    reason="poppler-utils is not installed (Debian: apt-get install poppler-utils)",
)

COUNT = 14


def _page_texts(path: Path) -> list[str]:
    out = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    )
    return out.stdout.split("\f")[:-1]


def _photos(folder: Path) -> list[Path]:
    paths = []
    for number in range(4):
        path = folder / f"photo-{number}.jpg"
        Image.new("RGB", (600, 450), (50 * number, 120, 200)).save(path, quality=80)
        paths.append(path)
    return paths


def _report(number: int, photos: list[Path]) -> DebriefReport:
    text = " ".join(["Coopération entre habitants et entreprises du territoire."] * 30)
    return DebriefReport(
        title=f"Visite numéro {number:03d}",
        dates="jeudi 11 février 2027",
        what_we_saw="\n\n".join([text] * (1 + number % 4)),
        takeaways=((f"Enseignement {number}", None),),
        photos=((str(photos[number % 4]), f"Photo de la visite {number}"),)
        if number % 3 == 0
        else (),
        actions=((f"Action {number}", "Marie", "12/03/2027", False),),
    )


@pytest.fixture
def parts_seen(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The page count of each part, read when they are joined."""
    seen: list[int] = []
    real = joining.join_parts

    def spy(parts, target, **kwargs):  # type: ignore[no-untyped-def]
        for part in parts:
            with pikepdf.open(part) as pdf:
                seen.append(len(pdf.pages))
        return real(parts, target, **kwargs)

    monkeypatch.setattr(joining, "join_parts", spy)
    return seen


def _build(tmp_path: Path, **parts: int) -> tuple[Path, int]:
    tmp_path.mkdir(exist_ok=True)
    photos = _photos(tmp_path)
    booklet = Booklet(
        title="Livret",
        period="2027",
        chapters=(_report(n, photos) for n in range(1, COUNT + 1)),
        chapter_count=COUNT,
        synthesis=(("Coopération durable", (("Enseignement 1", "Visite 1"),)),),
        open_actions=(("Action 1", "Marie", "", "Visite 1"),),
        author="Réseau",
    )
    path = tmp_path / "out" / "livret.pdf"
    path.parent.mkdir(parents=True)
    return path, build_booklet(path, booklet, language="fr", **parts)


def _chapter_starts(texts: list[str]) -> dict[str, int]:
    """Page index (0-based) where each chapter, the synthesis and the open actions begin."""
    starts: dict[str, int] = {}
    for index, text in enumerate(texts[2:], start=2):
        first = text.strip().splitlines()[0].strip()
        if re.fullmatch(r"Visite numéro \d{3}|Synthèse thématique|Suites à donner en cours", first):
            starts.setdefault(first, index)
    return starts


def test_a_booklet_in_several_parts_reads_as_one(tmp_path: Path, parts_seen: list[int]) -> None:
    path, pages = _build(tmp_path, part_pages=6)

    assert len(parts_seen) >= 4, "cover and contents, then at least three runs of chapters"
    assert sum(parts_seen) == pages
    assert list(path.parent.iterdir()) == [path], "the parts are gone"
    texts = _page_texts(path)
    assert len(texts) == pages
    # "page X / Y" runs on across the parts, with the final total.
    for number, text in enumerate(texts, start=1):
        assert f"page {number} / {pages}" in text
    starts = _chapter_starts(texts)
    titles = [f"Visite numéro {n:03d}" for n in range(1, COUNT + 1)]
    headings = [*titles, "Synthèse thématique", "Suites à donner en cours"]
    assert list(starts) == headings

    # Every link of the contents opens the page its line names, top to bottom.
    with pikepdf.open(path) as pdf:
        index = {page.obj.objgen: number for number, page in enumerate(pdf.pages)}
        links = []  # (page, vertical middle, target page), a line's text and page number
        for number in range(pages):
            for annotation in pdf.pages[number].obj.get("/Annots", []):
                middle = (float(annotation.Rect[1]) + float(annotation.Rect[3])) / 2
                links.append((number, middle, index[annotation.Dest[0].objgen]))
        assert {number for number, _middle, _target in links} == {1}, "on the contents page"
        # Links a few points apart are on one line; lines are 14 points apart or more.
        targets: list[set[int]] = []
        previous = None
        for _number, middle, target in sorted(links, key=lambda link: -link[1]):
            if previous is None or previous - middle > 6:
                targets.append(set())
            targets[-1].add(target)
            previous = middle
        assert targets == [{starts[title]} for title in headings]
        contents = texts[1]
        for title in headings:
            page = re.search(re.escape(title) + r"[ .]*(\d+)\s*$", contents, re.MULTILINE)
            assert page and int(page.group(1)) == starts[title] + 1

        # The bookmarks: one per chapter, closed, on its first page, its sections inside it.
        with pdf.open_outline() as outline:
            assert [item.title for item in outline.root] == headings
            ends = [*sorted(starts.values())[1:], pages]
            for item, end in zip(outline.root, ends, strict=True):
                first = index[item.destination[0].objgen]
                assert first == starts[item.title]
                for section in item.children:
                    assert first <= index[section.destination[0].objgen] < end
            chapters = list(outline.root)[:COUNT]
            assert all(item.is_closed and item.children for item in chapters)
        # Metadata and language, as reportlab wrote them for one document.
        assert str(pdf.docinfo.Title) == "Livret — 2027"
        assert str(pdf.docinfo.Author) == "Réseau"
        assert str(pdf.Root.Lang) == "fr-FR"
        assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle)
        # Every photo is printed, whichever part it was written in.
        drawn = sum(
            1
            for page in pdf.pages
            for xobject in page.Resources.get("/XObject", {}).values()
            if xobject.get("/Subtype") == "/Image"
        )
        assert drawn == COUNT // 3

    # A chapter's later pages carry its title, in the second run of chapters and after.
    part_two = range(sum(parts_seen[:2]), sum(parts_seen[:3]))
    checked = 0
    for title, first in starts.items():
        end = min([page for page in starts.values() if page > first], default=pages)
        for page in range(first + 1, end):
            assert texts[page].lstrip().startswith(title), (title, page)
            checked += page in part_two
    assert checked, "a chapter of the second run goes on past its first page"
    if shutil.which("qpdf"):
        subprocess.run(["qpdf", "--check", str(path)], check=True, capture_output=True)


def test_photos_bound_a_part_too(tmp_path: Path, parts_seen: list[int]) -> None:
    """With no room for photos, each chapter with a photo ends its part; the booklet
    reads the same as when written in one part."""
    one, _pages = _build(tmp_path / "one")
    assert len(parts_seen) == 2, "cover and contents, then every chapter"
    many, _pages = _build(tmp_path / "many", part_image_bytes=1)
    assert len(parts_seen) - 2 > 1 + COUNT // 3
    assert _page_texts(many) == _page_texts(one)


def test_plan_parts() -> None:
    assert plan_parts([(3, 0), (3, 0), (3, 0)], max_pages=6, max_bytes=10) == [2, 1]
    sizes = [(9, 0), (1, 0), (2, 0), (1, 20), (1, 0), (1, 0)]
    assert plan_parts(sizes, max_pages=6, max_bytes=10) == [1, 2, 1, 2]
    assert plan_parts([], max_pages=6, max_bytes=10) == []


def test_cancel_during_the_parts_leaves_nothing(tmp_path: Path) -> None:
    class Stop(Exception):
        pass

    def progress(done: int, total: int) -> None:
        if done == COUNT + 8:  # second pass, a few parts written
            raise Stop

    photos = _photos(tmp_path)
    booklet = Booklet(
        title="Livret",
        period="2027",
        chapters=tuple(_report(n, photos) for n in range(1, COUNT + 1)),
    )
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(Stop):
        build_booklet(folder / "livret.pdf", booklet, progress=progress, part_pages=6)
    assert list(folder.iterdir()) == []
