"""The shared story's three renderings, from plain entries: text blocks, Markdown, HTML, PDF.

Hostile text (markup characters, emoji, CJK, a very long word) must come out as
typed and never change the document's structure.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PIL import Image

from visitplanner.exchange import story_text
from visitplanner.exchange.story_html import render_html
from visitplanner.exchange.story_markdown import escape_inline, render_markdown
from visitplanner.exchange.story_text import (
    Bullets,
    ExportCancelled,
    Paragraph,
    StoryMeta,
    by_year_and_month,
    period_label,
    text_blocks,
)

HOSTILE_TITLE = "Atelier <b>gras</b> & *étoiles* # dièse [lien](http://x) 🙂 中"
LONG_WORD = "Anticonstitutionnellement" * 6
HOSTILE_TEXT = (
    "Texte <b>&amp; R&D</b> avec *stars* et _soulignés_ `code` ~barré~ $5\n"
    "# hash en début de ligne\n"
    "1. pas une liste\n"
    "> pas une citation\n"
    "---\n\n"
    "- puce <i>une</i>\n"
    "- - puce deux 🙂 中\n\n"
    f"{LONG_WORD}\n\nFin."
)


@dataclass(frozen=True)
class Entry:
    uuid: str
    date: date
    title: str
    text: str | None = None
    kind: str = "note"
    author: str | None = None
    dynamic_names: tuple[str, ...] = ()
    challenges: tuple[str, ...] = ()
    photo: Path | None = None
    photo_caption: str | None = None
    event_title: str | None = None


def _entries() -> list[Entry]:
    return [
        Entry("a1", date(2025, 12, 1), "Premier jalon", "Un début.", "milestone", "Hélène"),
        Entry(
            "b2",
            date(2026, 5, 19),
            HOSTILE_TITLE,
            HOSTILE_TEXT,
            "visit",
            "Çağla Yıldız",
            ("Nova Child", "La Fabrique du Bocage"),
            ("business_model", "inhabitant_involvement"),
            photo_caption="Légende <i>Nguyễn</i> & *co*",
            event_title="Visite chez Nova Child",
        ),
        Entry("c3", date(2026, 5, 20), "Décision prise", "- une\n- deux", "decision"),
        Entry("d4", date(2026, 11, 2), "Note de novembre", None, "note"),
    ]


def _meta(language: str = "fr", **kwargs) -> StoryMeta:
    return StoryMeta(
        language=language,
        network=kwargs.pop("network", "Collectif <Dynamiques> & pionnières"),
        period=kwargs.pop("period", "décembre 2025 – novembre 2026"),
        generated_on=date(2026, 11, 26),
        **kwargs,
    )


# --- shared text ---------------------------------------------------------------


def test_text_blocks_read_paragraphs_and_bullets_as_the_debrief_does():
    blocks = text_blocks("Ligne un\r\nligne deux\n\n- a\n* b\n• c\n– d\nsuite\n\n\n\nFin")
    assert blocks == [
        Paragraph(("Ligne un", "ligne deux")),
        Bullets(("a", "b", "c", "d")),
        Paragraph(("suite",)),
        Paragraph(("Fin",)),
    ]
    assert text_blocks(None) == [] and text_blocks(" \n\n ") == []
    assert text_blocks("-\n- x") == [Bullets(("x",))]  # an empty bullet is dropped


def test_grouping_by_year_and_month_in_both_languages():
    years = by_year_and_month(list(reversed(_entries())), "fr")
    assert [y.year for y in years] == [2025, 2026]
    assert [m.label for m in years[1].months] == ["mai 2026", "novembre 2026"]
    assert [e.uuid for e in years[1].months[0].entries] == ["b2", "c3"]
    assert years[1].count == 3 and years[1].anchor == "y2026"
    english = by_year_and_month(_entries(), "en")
    assert [m.label for m in english[1].months] == ["May 2026", "November 2026"]


def test_period_and_date_labels():
    assert story_text.day_label(date(2026, 5, 1), "fr") == "1er mai 2026"
    assert story_text.day_label(date(2026, 5, 19), "en") == "19 May 2026"
    span = period_label("fr", start=date(2026, 1, 1), end=date(2026, 6, 30))
    assert "1er janvier 2026" in span and "30 juin 2026" in span
    assert period_label("en", dates=[date(2026, 5, 3), date(2025, 2, 1)]) == (
        "February 2025 – May 2026"
    )
    assert period_label("fr", dates=[date(2026, 5, 3)]) == "mai 2026"
    assert period_label("fr") is None
    assert StoryMeta(language="fr").heading == "Récit commun"
    assert StoryMeta(language="en").heading == "Shared story"
    assert StoryMeta(language="en", title="  Notre histoire ").heading == "Notre histoire"


# --- Markdown ------------------------------------------------------------------


def test_markdown_structure_and_escaping():
    md = render_markdown(_entries(), _meta(), {"b2": "récit commun-photos/b2 photo.jpg"})
    lines = md.splitlines()
    headings = [line for line in lines if line.startswith("#")]
    assert headings[0] == "# Récit commun"
    assert "## 2025" in headings and "## 2026" in headings
    assert "### décembre 2025" in headings and "### mai 2026" in headings
    assert "#### 19 mai 2026 — " + escape_inline(HOSTILE_TITLE) in headings
    # Only the document's own headings: the user's "# hash" line is escaped.
    assert all(re.match(r"#{1,4} ", h) for h in headings) and len(headings) == 1 + 1 + 2 + 3 + 4
    assert "\\# hash en début de ligne" in md
    assert "\\<b\\>&amp; R&D\\</b\\>" not in md  # an entity is escaped too
    assert "\\<b\\>\\&amp; R&D\\</b\\>" in md
    assert "\\*stars\\*" in md and "\\_soulignés\\_" in md and "\\`code\\`" in md
    assert "1\\. pas une liste" in md and "\\> pas une citation" in md and "\\---" in md
    assert "- puce \\<i\\>une\\</i\\>" in md and "- \\- puce deux 🙂 中" in md
    assert LONG_WORD in md
    assert "\\[lien\\](http://x)" in md
    # No raw HTML from the user; the only tags are the document's own anchors.
    for tag in re.findall(r"(?<!\\)<[^>]*>", md):
        assert re.fullmatch(r'<a id="[A-Za-z0-9_-]+">|</a>', tag), tag
    # The contents links reach an anchor.
    anchors = set(re.findall(r'<a id="([^"]+)"></a>', md))
    links = re.findall(r"\]\(#([^)]+)\)", md)
    assert links and set(links) <= anchors
    assert "- [2026](#y2026)" in md and "  - [mai 2026](#m2026-05)" in md
    # The photo, its link percent-encoded, and its caption under it.
    image = "![Légende \\<i\\>Nguyễn\\</i\\> & \\*co\\*]"
    assert image + "(r%C3%A9cit%20commun-photos/b2%20photo.jpg)" in md
    assert "*Légende \\<i\\>Nguyễn\\</i\\> & \\*co\\**" in md
    meta_line = "*Visite · Çağla Yıldız · Nova Child, La Fabrique du Bocage · "
    assert meta_line + "Modèle économique, Implication des habitants" in md
    assert "**Collectif \\<Dynamiques\\> & pionnières**" in md


def test_markdown_in_english():
    md = render_markdown(_entries(), _meta("en", period=None), {})
    assert "# Shared story" in md and "## Contents" in md and "### May 2026" in md
    assert "#### 19 May 2026 — " in md and "*Visit · Çağla" in md and "Business model" in md
    assert "![" not in md


# --- HTML ----------------------------------------------------------------------

VOID = {"meta", "img", "br", "link", "hr", "input", "source", "wbr"}


class _Tree(HTMLParser):
    """Checks that every element is closed in order; keeps tags, attributes and text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def _parse(text: str) -> _Tree:
    tree = _Tree()
    tree.feed(text)
    tree.close()
    assert tree.errors == [] and tree.stack == []
    return tree


def test_html_is_standalone_balanced_and_escaped():
    uri = "data:image/jpeg;base64," + "QUJD" * 10
    sources = {"b2": uri, "c3": "/etc/passwd", "d4": "https://example.org/x.jpg"}
    page = render_html(_entries(), _meta(), sources)
    assert page.startswith('<!DOCTYPE html>\n<html lang="fr">')
    tree = _parse(page)
    names = [tag for tag, _attrs in tree.tags]
    # The user's <b>, <i> are text, never elements; no script, no external resource.
    assert "b" not in names and "i" not in names and "script" not in names
    assert "link" not in names
    images = [attrs for tag, attrs in tree.tags if tag == "img"]
    assert [a["src"] for a in images] == [uri]
    assert images[0]["alt"] == "Légende <i>Nguyễn</i> & *co*"
    assert "/etc/passwd" not in page and "example.org" not in page
    text = "".join(tree.text)
    assert HOSTILE_TITLE in text and "Texte <b>&amp; R&D</b> avec *stars*" in text
    assert LONG_WORD in text and "puce <i>une</i>" in text
    assert "Collectif <Dynamiques> & pionnières" in text
    # The structure: one section per year and per month, each entry an article with an anchor.
    sections = [a["id"] for tag, a in tree.tags if tag == "section"]
    assert sections == ["y2025", "m2025-12", "y2026", "m2026-05", "m2026-11"]
    hrefs = [a["href"] for tag, a in tree.tags if tag == "a"]
    assert {h[1:] for h in hrefs} <= set(sections) and "#y2026" in hrefs
    assert sum(1 for tag in names if tag == "article") == 4
    titles = [t for t in tree.text if t in {"Premier jalon", "Décision prise", "Note de novembre"}]
    assert titles == ["Premier jalon", "Décision prise", "Note de novembre"]
    # Print: page margins, one year per page run, entries and figures kept whole.
    assert "@page" in page and "@media print" in page and "break-before: page" in page
    assert "break-inside: avoid" in page
    assert re.search(r"background(-color)?:\s*#(0|1|2|3)", page) is None  # no dark backgrounds
    assert "http" not in page.split("<body>")[0]  # nothing fetched by the head


def test_html_in_english():
    page = render_html(_entries(), _meta("en"), {})
    tree = _parse(page)
    text = "".join(tree.text)
    assert 'lang="en"' in page and "Contents" in text and "May 2026" in text
    assert "Visit" in text and "Milestone" in text and "Involvement of inhabitants" in text
    assert "<img" not in page


# --- PDF -----------------------------------------------------------------------

TOOLS = ("qpdf", "pdftotext", "pdffonts", "pdfinfo")
needs_tools = pytest.mark.skipif(
    not all(shutil.which(tool) for tool in TOOLS), reason="needs qpdf and poppler-utils"
)


def _run(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def _text(path: Path, page: int | None = None) -> str:
    pages = ("-f", str(page), "-l", str(page)) if page else ()
    return " ".join(_run("pdftotext", *pages, str(path), "-").split())


def _outline(path: Path) -> list[tuple[int, str, int]]:
    data = json.loads(_run("qpdf", "--json", "--json-key=outlines", str(path)))
    found: list[tuple[int, str, int]] = []

    def walk(entries, depth):
        for entry in entries:
            found.append((depth, entry["title"], entry["destpageposfrom1"]))
            walk(entry["kids"], depth + 1)

    walk(data["outlines"], 0)
    return found


def _long_story(tmp_path: Path) -> tuple[list[Entry], dict[str, Path]]:
    tall = tmp_path / "tall.jpg"
    Image.new("RGB", (300, 3000), (30, 120, 60)).save(tall)  # far taller than a page
    entries = _entries()
    for number in range(30):
        day = date(2026, 1 + number % 12, 1 + number % 27)
        text = "\n\n".join(f"Paragraphe {k} de l’entrée {number}. " * 12 for k in range(3))
        entries.append(Entry(f"n{number}", day, f"Entrée numéro {number}", text, "note"))
    return entries, {"b2": tall, "n3": tall, "c3": tmp_path / "missing.jpg"}


@needs_tools
def test_pdf_story(tmp_path):
    from visitplanner.exchange.pdf.story import build_story_pdf

    entries, photos = _long_story(tmp_path)
    calls: list[tuple[int, int]] = []
    out = tmp_path / "story.pdf"
    pages = build_story_pdf(
        entries, _meta(), out, photos, progress=lambda d, t: calls.append((d, t))
    )
    assert pages > 5
    subprocess.run(["qpdf", "--check", str(out)], check=True, capture_output=True)
    for row in _run("pdffonts", str(out)).splitlines()[2:]:
        assert row.split()[-5] == "yes", row
    cover = _text(out, 1)
    assert "Récit commun" in cover and "Collectif <Dynamiques> & pionnières" in cover
    assert "26 novembre 2026" in cover
    assert "Sommaire" in _text(out, 2)
    text = _text(out)
    assert "Atelier <b>gras</b> & *étoiles* # dièse [lien](http://x) □ □" in text
    assert "Texte <b>&amp; R&D</b> avec *stars*" in text and "puce <i>une</i>" in text
    assert "Légende <i>Nguyễn</i> & *co*" in text
    assert f"page 1 / {pages}" in text and f"page {pages} / {pages}" in text
    outline = _outline(out)
    years = [(title, page) for depth, title, page in outline if depth == 0]
    assert [title for title, _page in years] == ["2025", "2026"]
    for title, page in years:
        assert _text(out, page).startswith(title)
    months = [title for depth, title, _page in outline if depth == 1]
    assert months[:2] == ["décembre 2025", "janvier 2026"] and len(months) == 13
    entry_marks = [(title, page) for depth, title, page in outline if depth == 2]
    assert len(entry_marks) == len(entries)
    assert entry_marks[0][0] == "1er décembre 2025 — Premier jalon"
    for title, page in entry_marks:
        assert title.split(" — ", 1)[1].split()[0] in _text(out, page)
    assert [p for _t, p in entry_marks] == sorted(p for _t, p in entry_marks)
    # The contents gives each year's page.
    contents = _text(out, 2)
    assert re.search(r"2026 [. ]*" + str(dict(years)["2026"]), contents)
    # Progress only moves on, and ends full.
    assert calls[-1][0] == calls[-1][1] and [d for d, _t in calls] == sorted(d for d, _t in calls)
    info = _run("pdfinfo", str(out))
    assert "Title:           Récit commun — Collectif <Dynamiques> & pionnières" in info


def test_pdf_photo_fits_the_frame(tmp_path):
    from reportlab.lib.units import mm

    from visitplanner.exchange.pdf.debrief import PHOTO_HEIGHT
    from visitplanner.exchange.pdf.story import _figure, _Styles

    tall = tmp_path / "tall.jpg"
    Image.new("RGB", (300, 3000)).save(tall)
    wide = tmp_path / "wide.jpg"
    Image.new("RGB", (6000, 500)).save(wide)
    width = 180 * mm
    for path, ratio in ((tall, 300 / 3000), (wide, 6000 / 500)):
        image = _figure(_entries()[0], path, width, _Styles())[1]
        assert image.drawWidth <= width + 0.01 and image.drawHeight <= PHOTO_HEIGHT + 0.01
        assert abs(image.drawWidth / image.drawHeight - ratio) < 0.01
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"not a jpeg")
    assert _figure(_entries()[0], broken, width, _Styles()) == []


def test_pdf_cancel_stops_the_build(tmp_path):
    from visitplanner.exchange.pdf.story import build_story_pdf

    entries, photos = _long_story(tmp_path)
    seen = []

    def cancelled() -> bool:
        seen.append(1)
        return len(seen) > 5

    with pytest.raises(ExportCancelled):
        build_story_pdf(entries, _meta(), tmp_path / "x.pdf", photos, cancelled=cancelled)
