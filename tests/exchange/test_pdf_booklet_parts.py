"""A long booklet laid out in two passes: contents, "page X / Y" and running headers agree.

The booklet no longer lets reportlab repeat the layout until page numbers settle
(which kept every chapter in memory); it counts each chapter's pages first. These
tests read the written PDF to check the numbers the reader relies on.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from visitplanner.exchange.pdf.booklet import Booklet, build_booklet
from visitplanner.exchange.pdf.debrief import DebriefReport

pytestmark = pytest.mark.skipif(
    not all(shutil.which(tool) for tool in ("pdftotext", "pdfinfo")),
    reason="poppler-utils is not installed (Debian: apt-get install poppler-utils)",
)


def _page_texts(path: Path) -> list[str]:
    out = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    )
    return out.stdout.split("\f")[:-1]


def _report(number: int, paragraphs: int) -> DebriefReport:
    text = " ".join(["Coopération entre habitants et entreprises du territoire."] * 30)
    return DebriefReport(
        title=f"Visite numéro {number:03d}",
        dates="jeudi 11 février 2027",
        what_we_saw="\n\n".join([text] * paragraphs),
        takeaways=((f"Enseignement {number}", None),),
        actions=((f"Action {number}", "Marie", "12/03/2027", False),),
    )


def _generated(count: int, seen: list[int]):
    for number in range(1, count + 1):
        seen.append(number)
        yield _report(number, 1 + number % 4)


def test_contents_pages_totals_and_running_headers_agree(tmp_path: Path) -> None:
    count = 60
    seen: list[int] = []
    booklet = Booklet(
        title="Livret",
        period="2027",
        chapters=_generated(count, seen),
        chapter_count=count,
        synthesis=lambda: (("Coopération durable", tuple((f"E{n}", f"V{n}") for n in seen)),),
        open_actions=lambda: tuple((f"Action {n}", "Marie", "", f"V{n}") for n in seen),
    )
    steps: list[tuple[int, int]] = []
    path = tmp_path / "livret.pdf"
    pages = build_booklet(path, booklet, language="fr", progress=lambda d, t: steps.append((d, t)))

    assert seen == list(range(1, count + 1)), "each chapter is fetched once"
    texts = _page_texts(path)
    assert len(texts) == pages
    # "page X / Y" is right on every page, with the final total.
    for number, text in enumerate(texts, start=1):
        assert f"page {number} / {pages}" in text.lower()
    # Every contents entry points at the page where its chapter starts.
    contents = "\n".join(texts[1:6])
    starts = {}
    for number in range(1, count + 1):
        title = f"Visite numéro {number:03d}"
        match = re.search(re.escape(title) + r"[ .]*(\d+)\s*$", contents, re.MULTILINE)
        assert match, title
        starts[number] = int(match.group(1))
        assert texts[starts[number] - 1].lstrip().startswith(title), "opens without a header"
    # A chapter's later pages carry its title as a running header.
    long_chapters = [n for n in range(1, count) if starts[n + 1] - starts[n] > 1]
    assert long_chapters
    for number in long_chapters:
        for page in range(starts[number] + 1, starts[number + 1]):
            assert texts[page - 1].lstrip().startswith(f"Visite numéro {number:03d}")
    # The synthesis and the open actions follow the chapters, read after them.
    assert "Synthèse" in "".join(texts[-6:]) or "synthèse" in "".join(texts[-6:])
    assert f"Action {count}" in "".join(texts[-3:])
    assert steps[-1][0] == steps[-1][1]
