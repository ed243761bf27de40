"""The attendance sheet as a reader sees it: text as typed, fonts embedded, pages numbered.

Checked with poppler's own tools (``pdftotext``, ``pdffonts``, ``pdfinfo``),
independent of reportlab.
"""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from visitplanner.cli.main import main
from visitplanner.exchange.pdf import theme
from visitplanner.exchange.pdf.attendance import AttendanceSheet, build_attendance
from visitplanner.services.demo import load_demo
from visitplanner.services.documents import printing as documents
from visitplanner.services.events import planning

pytestmark = pytest.mark.skipif(
    not all(shutil.which(tool) for tool in ("pdftotext", "pdffonts", "pdfinfo")),
    reason="poppler-utils is not installed",
)

TRICKY = (
    ("Thị Lan Nguyễn", "Çağla & Ørsted <b>SCOP</b>", "Intervenante"),
    ("Zoë d’Arc", "Association « Les Amis »", "Participante"),
    ("Ana 🙂 Souza", "Coop <img src=http://example.invalid/x.png>", "Observatrice"),
)


def _text(path: Path) -> str:
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return " ".join(out.stdout.split())


def _info(path: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return {
        k.strip(): v.strip() for k, _, v in (ln.partition(":") for ln in out.stdout.splitlines())
    }


def _page_size(path: Path) -> tuple[float, float]:
    width, _x, height = _info(path)["Page size"].split()[:3]
    return float(width), float(height)


def _fonts_embedded(path: Path) -> list[str]:
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    rows = out.stdout.splitlines()[2:]
    assert rows, "no font listed"
    for row in rows:
        assert row.split()[-5] == "yes", f"font not embedded: {row}"
    return [row.split()[0] for row in rows]


def _sheet(rows=TRICKY, halves=((date(2027, 2, 11), "am"), (date(2027, 2, 11), "pm")), **kw):
    values = dict(
        title="Séminaire « coopérer » & <b>habiter</b>",
        dates="jeudi 11 février 2027",
        place="La Fabrique, Fourmies",
        organiser="Hélène Marchand",
        half_days=tuple(halves),
        rows=tuple(rows),
        funder="Avec le soutien du FEADER",
        blank_rows=3,
    )
    values.update(kw)
    return AttendanceSheet(**values)


def test_text_comes_out_as_typed(tmp_path):
    path = tmp_path / "sheet.pdf"
    pages = build_attendance(path, _sheet())
    text = _text(path)
    for name, organisation, role in TRICKY[:2]:
        assert name in text
        assert organisation in text
        assert role in text
    assert "Séminaire « coopérer » & <b>habiter</b>" in text
    # A long cell wraps anywhere: compare without the spaces wrapping adds.
    assert "<imgsrc=http://example.invalid/x.png>" in text.replace(" ", "")
    assert "Ana □ Souza" in text  # the emoji the font lacks is replaced visibly
    assert "Feuille d’émargement" in text
    assert "Signature de l’organisateur" in text
    assert "Avec le soutien du FEADER" in text
    assert "jeu. 11 févr. — matin" in text and "jeu. 11 févr. — après-midi" in text
    assert pages == 1 and "page 1 / 1" in text
    assert set(_fonts_embedded(path)) <= {f"AAAAAA+{n}" for n in theme._FONT_FILES}
    width, height = _page_size(path)
    assert width < height  # two half-days: portrait


def test_metadata_and_language(tmp_path):
    path = tmp_path / "sheet.pdf"
    build_attendance(path, _sheet())
    info = _info(path)
    assert info["Title"].startswith("Feuille d’émargement")
    assert info["Author"] == "Hélène Marchand"
    assert info["Subject"].startswith("Feuille d’émargement")
    assert info["Creator"].startswith("Visit Planner")
    assert b"/Lang (fr-FR)" in path.read_bytes()


def test_english_document_whatever_the_interface(tmp_path):
    path = tmp_path / "sheet.pdf"
    build_attendance(path, _sheet(), language="en")
    text = _text(path)
    assert "Attendance sheet" in text and "Thu 11 Feb — morning" in text
    assert b"/Lang (en-GB)" in path.read_bytes()


def test_more_than_two_half_days_is_landscape_and_many_rows_add_pages(tmp_path):
    halves = [(date(2027, 3, d), h) for d in (1, 2, 3) for h in ("am", "pm")]
    few = tmp_path / "few.pdf"
    many = tmp_path / "many.pdf"
    rows = [(f"Personne {i:03d}", f"Structure {i % 17}", "Participant") for i in range(500)]
    assert build_attendance(few, _sheet(halves=halves)) == 1
    pages = build_attendance(many, _sheet(rows=rows, halves=halves))
    width, height = _page_size(many)
    assert width > height
    assert pages > 20
    text = _text(many)
    assert f"page 1 / {pages}" in text and f"page {pages} / {pages}" in text
    assert "Personne 000" in text and "Personne 499" in text
    assert text.count("Nom Structure Rôle") == pages  # the header row repeats on every page


def test_demo_seminar_lists_the_expected_people_in_order(catalogue, tmp_path):
    load_demo(catalogue, "small")
    seminar = next(e for e in planning.list_events(catalogue) if e.kind == "seminar")
    detail = planning.get_event(catalogue, seminar.id)
    path = documents.attendance_pdf(catalogue, seminar.id, tmp_path / "out" / "sheet.pdf")
    assert path.exists() and not list(path.parent.glob(".*.part"))
    text = _text(path)
    expected = [
        p.name for p in detail.participants if p.status in ("accepted", "tentative", "invited")
    ]
    absent = [p.name for p in detail.participants if p.status in ("declined", "waitlisted")]
    assert expected and absent
    table = text.index("Nom Structure Rôle")
    positions = [text.index(name, table) for name in expected]
    assert positions == sorted(positions)
    for name in absent:
        assert name not in text
    assert "Nguyễn" in text and "Çağla" in text
    assert "page 1 / " in text
    _fonts_embedded(path)
    width, height = _page_size(path)
    assert width > height  # a two-day seminar has four half-days


@pytest.fixture
def run(capsys):
    def _run(*args):
        code = main([str(a) for a in args])
        out = capsys.readouterr()
        return code, out.out, out.err

    return _run


def test_cli_writes_the_sheet_of_a_three_day_event(run, db_path, tmp_path):
    code, out, err = run(
        "--db", db_path, "event", "add", "--kind", "seminar", "--title", "Trois jours & plus",
        "--start", "2027-03-01T09:00", "--end", "2027-03-03T17:00",
    )  # fmt: skip
    assert code == 0, err
    target = tmp_path / "trois.pdf"
    code, out, err = run(
        "--db", db_path, "pdf", "attendance", "1", "--out", target, "--doc-lang", "fr"
    )
    assert code == 0, err
    assert str(target) in out
    text = _text(target)
    assert "du lundi 1 mars au mercredi 3 mars 2027" in text
    assert "mer. 3 mars — après-midi" in text
    width, height = _page_size(target)
    assert width > height


def test_cli_unknown_event_is_one_sentence(run, db_path, tmp_path):
    target = tmp_path / "none.pdf"
    code, out, err = run("--db", db_path, "pdf", "attendance", "99", "--out", target)
    assert code == 1
    assert out == ""
    assert len(err.strip().splitlines()) == 1 and "99" in err
    assert not target.exists()


def test_printable_replaces_only_what_the_font_lacks():
    assert theme.printable("Nguyễn Çağla Ørsted « x » ’") == "Nguyễn Çağla Ørsted « x » ’"
    assert theme.printable("👍🏽 ok") == "□ ok"
    assert theme.markup("<b> & é") == "&lt;b&gt; &amp; é"
