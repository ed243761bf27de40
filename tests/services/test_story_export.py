"""Exporting the shared story from a catalogue: PDF, Markdown and HTML, filters, languages,
photos, and files that are replaced only once complete."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PIL import Image

from visitplanner.domain.errors import UserError
from visitplanner.exchange.story_text import ExportCancelled
from visitplanner.services.demo import load_demo
from visitplanner.services.directory.records import list_dynamics
from visitplanner.services.story import entries as story_entries
from visitplanner.services.story import export as story_export
from visitplanner.services.story.entries import StoryEntryInput, StoryFilter

TOOLS = ("qpdf", "pdftotext", "pdffonts", "pdfinfo", "pdfimages")
needs_tools = pytest.mark.skipif(
    not all(shutil.which(tool) for tool in TOOLS), reason="needs qpdf and poppler-utils"
)

HOSTILE_TITLE = "Bilan <b>gras</b> & *étoiles* # dièse 🙂 中"
LONG_WORD = "Intercommunalités" * 8
HOSTILE_TEXT = (
    "Nguyễn a dit <b>&</b> puis *stars* et <img src=http://example.org/x.png>\n"
    "# pas un titre\n\n- première puce\n- seconde 🙂 中\n\n" + LONG_WORD
)
PHOTO_TITLE = "Atelier photo au tiers-lieu"
OLD_TITLE = "Premiers pas du collectif"


def _photo(path: Path, size: tuple[int, int], colour, orientation: int | None = None) -> Path:
    image = Image.new("RGB", size, colour)
    image.paste((255, 255, 255), (0, 0, size[0] // 4, size[1] // 8))
    exif = Image.Exif()
    if orientation is not None:
        exif[0x0112] = orientation
    image.save(path, "JPEG", exif=exif.tobytes())
    return path


@pytest.fixture
def story(catalogue, tmp_path, monkeypatch):
    """The demo's 8 entries, plus a 2025 entry with a phone photo (EXIF rotated), a landscape
    photo entry and an entry full of awkward text."""
    monkeypatch.setenv("VISITPLANNER_DATA", str(tmp_path / "data"))
    load_demo(catalogue, "small")
    phone = _photo(tmp_path / "phone.jpg", (1600, 900), (40, 90, 200), orientation=6)
    wide = _photo(tmp_path / "wide.jpg", (1600, 900), (200, 90, 40))
    story_entries.add_entry(
        catalogue,
        StoryEntryInput(
            date=date(2025, 11, 4),
            title=OLD_TITLE,
            kind="milestone",
            text="Le collectif se forme.",
            photo=phone,
            photo_caption="Portrait « téléphone » & <i>Nguyễn</i>",
        ),
        "Çağla Yıldız",
    )
    story_entries.add_entry(
        catalogue,
        StoryEntryInput(
            date=date(2026, 6, 2),
            title=PHOTO_TITLE,
            kind="note",
            text="Une après-midi de prises de vue.",
            photo=wide,
            photo_caption="Paysage d’Ørsted",
        ),
        "Søren Ørsted",
    )
    story_entries.add_entry(
        catalogue,
        StoryEntryInput(
            date=date(2026, 7, 8),
            title=HOSTILE_TITLE,
            kind="decision",
            text=HOSTILE_TEXT,
            challenges=("lasting_cooperation",),
        ),
        "Hélène <Marchand>",
    )
    return catalogue


def _run(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def _text(path: Path, page: int | None = None) -> str:
    pages = ("-f", str(page), "-l", str(page)) if page else ()
    return " ".join(_run("pdftotext", *pages, str(path), "-").split())


def _titles(catalogue) -> list[str]:
    return [e.title for e in story_entries.list_story(catalogue, oldest_first=True)]


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


# --- PDF -----------------------------------------------------------------------


@needs_tools
def test_pdf(story, tmp_path):
    calls: list[tuple[int, int]] = []
    out = story_export.export_story(
        story,
        "pdf",
        tmp_path / "récit.pdf",
        network="Collectif Dynamiques pionnières",
        language="fr",
        progress=lambda done, total: calls.append((done, total)),
    )
    assert out == tmp_path / "récit.pdf" and _leftovers(tmp_path) == []
    subprocess.run(["qpdf", "--check", str(out)], check=True, capture_output=True)
    for row in _run("pdffonts", str(out)).splitlines()[2:]:
        assert row.split()[-5] == "yes", f"not embedded: {row}"
    info = _run("pdfinfo", str(out))
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert pages > 1
    assert "Récit commun — Collectif Dynamiques pionnières" in info
    assert re.search(r"Author:\s+Collectif Dynamiques pionnières", info)
    cover = _text(out, 1)
    assert "Récit commun" in cover and "Collectif Dynamiques pionnières" in cover
    assert "novembre 2025 – novembre 2026" in cover  # the span of the entries
    text = _text(out)
    positions = [text.find(" ".join(title.split()).replace("🙂", "□").replace("中", "□"))
                 for title in _titles(story)]  # fmt: skip
    assert -1 not in positions and positions == sorted(positions), "entries out of order"
    assert "Bilan <b>gras</b> & *étoiles* # dièse □ □" in text
    assert "<img src=http://example.org/x.png>" in text and "# pas un titre" in text
    assert "Hélène <Marchand>" in text and "Portrait « téléphone » & <i>Nguyễn</i>" in text
    assert "Visite" in text and "Décision" in text and "Jalon" in text and "mai 2026" in text
    data = json.loads(_run("qpdf", "--json", "--json-key=outlines", str(out)))
    years = [entry["title"] for entry in data["outlines"]]
    assert years == ["2025", "2026"]
    images = [r.split() for r in _run("pdfimages", "-list", str(out)).splitlines()[2:]]
    sizes = [(int(r[3]), int(r[4])) for r in images]
    assert len(sizes) == 2
    assert sizes[0][1] > sizes[0][0], "the phone's portrait photo was printed lying down"
    assert sizes[1][0] > sizes[1][1]
    assert calls[0] == (0, calls[0][1]) and calls[-1][0] == calls[-1][1]
    assert [d for d, _t in calls] == sorted(d for d, _t in calls)


@needs_tools
def test_pdf_in_english(story, tmp_path):
    out = story_export.export_story(story, "pdf", tmp_path / "story.pdf", language="en")
    text = _text(out)
    assert "Shared story" in _text(out, 1) and "Contents" in _text(out, 2)
    assert "May 2026" in text
    assert "Visit" in text and "Decision" in text and "Milestone" in text
    assert "mai 2026" not in text and "Décision" not in text


# --- Markdown ------------------------------------------------------------------


def test_markdown(story, tmp_path):
    out = story_export.export_story(story, "md", tmp_path / "récit commun.md", language="fr")
    md = out.read_text(encoding="utf-8")
    headings = [line for line in md.splitlines() if line.startswith("#")]
    assert "## 2025" in headings and "## 2026" in headings
    assert "### novembre 2025" in headings and "### mai 2026" in headings
    assert "### juillet 2026" in headings
    assert any(h.startswith("#### 19 mai 2026 — ") for h in headings)
    assert all(re.match(r"#{1,4} ", h) for h in headings)
    assert "Bilan \\<b\\>gras\\</b\\> & \\*étoiles\\* \\# dièse 🙂 中" in md
    assert "\\# pas un titre" in md and "\\<img src=http://example.org/x.png\\>" in md
    assert "- première puce" in md and LONG_WORD in md
    assert "*Décision · Hélène \\<Marchand\\> · Coopération durable*" in md
    links = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", md)
    assert len(links) == 2
    folder = tmp_path / "récit commun-photos"
    from urllib.parse import unquote

    for link in links:
        target = tmp_path / unquote(link)
        assert target.is_file() and target.parent == folder
        with Image.open(target) as image:
            assert max(image.size) <= 1200
    with Image.open(tmp_path / unquote(links[0])) as phone:
        assert phone.height > phone.width  # upright, as printed
    assert _leftovers(tmp_path) == []
    # Exporting again replaces both the file and the photos, leaving nothing behind.
    (folder / "stale.jpg").write_bytes(b"old")
    story_export.export_story(story, "md", out, language="fr")
    assert not (folder / "stale.jpg").exists() and len(list(folder.iterdir())) == 2
    assert _leftovers(tmp_path) == []


# --- HTML ----------------------------------------------------------------------


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in {"meta", "img", "br"}:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if self.stack and self.stack[-1] == tag:
            self.stack.pop()
        else:
            self.errors.append(tag)

    def handle_data(self, data):
        self.text.append(data)


def test_html(story, tmp_path):
    out = story_export.export_story(story, "html", tmp_path / "récit.html", language="fr")
    page = out.read_text(encoding="utf-8")
    parser = _Tags()
    parser.feed(page)
    parser.close()
    assert parser.errors == [] and parser.stack == []
    names = [tag for tag, _attrs in parser.tags]
    assert names[:1] == ["html"] and parser.tags[0][1]["lang"] == "fr"
    assert "b" not in names and "script" not in names and "link" not in names
    sources = [attrs["src"] for tag, attrs in parser.tags if tag == "img"]
    assert len(sources) == 2 and all(s.startswith("data:image/jpeg;base64,") for s in sources)
    assert "http://example.org" not in [a.get("src") for _t, a in parser.tags]
    text = "".join(parser.text)
    assert HOSTILE_TITLE in text and "Nguyễn a dit <b>&</b> puis *stars*" in text
    assert "juillet 2026" in text and "Décision" in text and "Coopération durable" in text
    assert "@media print" in page and "@page" in page and "break-inside: avoid" in page
    assert _leftovers(tmp_path) == []


def test_html_in_english_with_title(story, tmp_path):
    out = story_export.export_story(
        story, "html", tmp_path / "story.html", language="en", title="Our <story>"
    )
    page = out.read_text(encoding="utf-8")
    assert 'lang="en"' in page and "<h1>Our &lt;story&gt;</h1>" in page
    assert "July 2026" in page and "Decision" in page and "Lasting cooperation" in page
    assert "juillet" not in page


# --- filters -------------------------------------------------------------------


def test_filters_narrow_the_export(story, tmp_path):
    decisions = story_export.export_story(
        story, "md", tmp_path / "d.md", filters=StoryFilter(kind="decision"), language="fr"
    ).read_text(encoding="utf-8")
    entries = [line for line in decisions.splitlines() if line.startswith("#### ")]
    assert len(entries) == 3  # the demo's two decisions and the awkward one
    assert "*Décision" in decisions and "*Visite" not in decisions and "*Note" not in decisions

    dynamic = next(d for d in list_dynamics(story) if d.name.startswith("PTCE Figeac"))
    by_dynamic = story_export.export_story(
        story, "html", tmp_path / "f.html", filters=StoryFilter(dynamic_id=dynamic.id)
    ).read_text(encoding="utf-8")
    assert "Deux jours à Figeac avec Figeacteurs" in by_dynamic
    assert "Relance des suites à donner" not in by_dynamic

    period = StoryFilter(start=date(2026, 5, 1), end=date(2026, 6, 30))
    out = story_export.export_story(story, "md", tmp_path / "p.md", filters=period, language="fr")
    md = out.read_text(encoding="utf-8")
    headings = [line for line in md.splitlines() if line.startswith("### ")]
    assert headings == ["### mai 2026", "### juin 2026"]
    assert "du 1er mai 2026 au 30 juin 2026" in md  # the filter's period, not the entries'
    assert OLD_TITLE not in md and PHOTO_TITLE in md


def test_empty_story_is_refused(catalogue, tmp_path, monkeypatch):
    monkeypatch.setenv("VISITPLANNER_DATA", str(tmp_path / "data"))
    with pytest.raises(UserError, match="no entries to export"):
        story_export.export_story(catalogue, "pdf", tmp_path / "x.pdf")
    load_demo(catalogue, "small")
    with pytest.raises(UserError, match="No story entry matches"):
        story_export.export_story(
            catalogue, "md", tmp_path / "x.md", filters=StoryFilter(start=date(2030, 1, 1))
        )
    assert list(tmp_path.glob("x.*")) == []


# --- photos that cannot be printed ---------------------------------------------


def test_a_broken_photo_does_not_fail_the_export(story, tmp_path):
    entry = next(e for e in story_entries.list_story(story) if e.title == PHOTO_TITLE)
    entry.photo.write_bytes(b"not a picture any more")
    for cached in (tmp_path / "data" / "cache").glob("*"):
        cached.unlink()
    out = story_export.export_story(story, "html", tmp_path / "s.html", language="fr")
    page = out.read_text(encoding="utf-8")
    assert page.count("<img ") == 1 and PHOTO_TITLE in page
    md = story_export.export_story(story, "md", tmp_path / "s.md").read_text(encoding="utf-8")
    assert md.count("![") == 1


# --- writing safely --------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "module", "name"),
    [
        ("pdf", "visitplanner.exchange.pdf.story", "build_story_pdf"),
        ("html", "visitplanner.exchange.story_html", "render_html"),
        ("md", "visitplanner.exchange.story_markdown", "render_markdown"),
    ],
)
def test_a_failure_leaves_the_previous_file(story, tmp_path, monkeypatch, fmt, module, name):
    import importlib

    out = tmp_path / f"story.{fmt}"
    story_export.export_story(story, fmt, out, language="fr")
    before = out.read_bytes()

    def broken(*args, **kwargs):
        if len(args) > 2 and isinstance(args[2], str):  # the PDF builder: half a file first
            Path(args[2]).write_bytes(b"%PDF-1.4 half")
        raise RuntimeError("builder failed")

    monkeypatch.setattr(importlib.import_module(module), name, broken)
    with pytest.raises(RuntimeError):
        story_export.export_story(story, fmt, out, language="fr")
    assert out.read_bytes() == before
    assert _leftovers(tmp_path) == []


def test_markdown_photo_copy_failure_keeps_previous_export(story, tmp_path, monkeypatch):
    out = tmp_path / "story.md"
    story_export.export_story(story, "md", out, language="fr")
    before = out.read_bytes()
    photos_before = sorted(p.name for p in (tmp_path / "story-photos").iterdir())

    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(story_export.shutil, "copyfile", full_disk)
    with pytest.raises(UserError, match="No space left on device"):
        story_export.export_story(story, "md", out, language="en")
    assert out.read_bytes() == before
    assert sorted(p.name for p in (tmp_path / "story-photos").iterdir()) == photos_before
    assert _leftovers(tmp_path) == []


def test_cancel_leaves_the_previous_file(story, tmp_path):
    out = tmp_path / "story.pdf"
    out.write_bytes(b"previous")
    ticks = []

    def cancelled() -> bool:
        ticks.append(1)
        return len(ticks) > 4

    with pytest.raises(ExportCancelled):
        story_export.export_story(story, "pdf", out, cancelled=cancelled)
    assert out.read_bytes() == b"previous" and _leftovers(tmp_path) == []


def test_unwritable_targets_are_named(story, tmp_path, monkeypatch):
    missing = tmp_path / "no such folder" / "story.pdf"
    with pytest.raises(UserError) as error:
        story_export.export_story(story, "pdf", missing)
    assert str(missing) in str(error.value) and "does not exist" in str(error.value)
    with pytest.raises(UserError, match="is a folder"):
        story_export.export_story(story, "html", tmp_path)

    def refused(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(story_export.os, "replace", refused)
    target = tmp_path / "story.html"
    with pytest.raises(UserError) as error:
        story_export.export_story(story, "html", target)
    assert str(target) in str(error.value) and "Permission denied" in str(error.value)
    assert not target.exists() and _leftovers(tmp_path) == []


def test_unknown_format_or_language(story, tmp_path):
    with pytest.raises(UserError):
        story_export.export_story(story, "docx", tmp_path / "x.docx")  # type: ignore[arg-type]
    with pytest.raises(UserError):
        story_export.export_story(story, "md", tmp_path / "x.md", language="de")
