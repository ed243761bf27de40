"""The debrief report as a reader sees it: text as typed, consent respected, photos embedded."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from visitplanner.cli.main import main
from visitplanner.exchange.pdf import theme
from visitplanner.services.demo import load_demo
from visitplanner.services.directory import records as people
from visitplanner.services.documents import debriefs
from visitplanner.services.documents import printing as documents

pytestmark = pytest.mark.skipif(
    not all(shutil.which(tool) for tool in ("pdftotext", "pdffonts", "pdfinfo")),
    reason="poppler-utils is not installed",
)

HOSTILE = "Nguyễn & Çağla « Ørsted » d’accord <b>gras</b> 🙂 fin"


def _text(path: Path) -> str:
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return " ".join(out.stdout.split())


def _pages(path: Path) -> int:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    line = next(ln for ln in out.stdout.splitlines() if ln.startswith("Pages:"))
    return int(line.split()[1])


def _fonts_embedded(path: Path) -> None:
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    rows = out.stdout.splitlines()[2:]
    assert rows
    for row in rows:
        assert row.split()[-5] == "yes", f"font not embedded: {row}"
        assert row.split()[0].split("+")[-1] in theme._FONT_FILES


@pytest.fixture
def demo(catalogue, tmp_path, monkeypatch):
    monkeypatch.setenv("VISITPLANNER_DATA", str(tmp_path / "data"))
    load_demo(catalogue, "small")
    return catalogue


def test_demo_debriefs_print_as_reports(demo, tmp_path):
    summaries = [d for d in debriefs.list_debriefs(demo) if d.status == "final"]
    assert len(summaries) == 2
    for summary in summaries:
        view = debriefs.get_debrief(demo, summary.id)
        path = documents.debrief_pdf(demo, summary.event_id, tmp_path / "out" / "d.pdf")
        assert path.exists() and not list(path.parent.glob(".*.part"))
        text = _text(path)
        pages = _pages(path)
        assert view.event_title in text
        assert "Compte rendu de visite" in text
        for takeaway in view.takeaways:
            assert " ".join(takeaway.text.split()) in text
        assert "Coopération durable" in text or "Offre de services" in text
        owners = [a.owner_name for a in view.actions if a.owner_name]
        assert owners and owners[0] in text
        assert f"page 1 / {pages}" in text and f"page {pages} / {pages}" in text
        assert "Participants présents" in text and "Suites à donner" in text
        _fonts_embedded(path)
        assert b"/Lang (fr-FR)" in path.read_bytes()
        assert b"/Outlines" in path.read_bytes()


def test_hostile_text_comes_out_as_typed_and_quotes_need_consent(demo, tmp_path):
    summary = debriefs.list_debriefs(demo)[0]
    view = debriefs.get_debrief(demo, summary.id)
    debriefs.save_text(demo, view.id, "what_we_saw", HOSTILE)
    debriefs.save_takeaways(
        demo,
        view.id,
        [debriefs.TakeawayInput("Enseignement <i>&amp;</i> Ørsted", "business_model")],
    )
    created = people.create_person(
        demo, people.PersonInput(family_name="Refus", given_name="Sans", consent_quotes=False)
    ).created
    refuses = next(record_id for kind, record_id in created if kind == "person")
    agrees = view.quotes[0].person_id
    debriefs.save_quotes(
        demo,
        view.id,
        [
            debriefs.QuoteInput("Citation publiable « oui »", agrees),
            debriefs.QuoteInput("Citation secrète à ne pas imprimer", refuses),
            debriefs.QuoteInput("Citation anonyme", None),
        ],
    )
    path = documents.debrief_pdf(demo, summary.event_id, tmp_path / "d.pdf")
    text = _text(path)
    assert "Nguyễn & Çağla « Ørsted » d’accord <b>gras</b> □ fin" in text
    assert "Enseignement <i>&amp;</i> Ørsted" in text and "Modèle économique" in text
    assert "Citation publiable « oui »" in text
    assert "secrète" not in text and "Citation anonyme" not in text
    assert "2 citation(s) omise(s)" in text
    _fonts_embedded(path)


def test_photos_are_embedded_upright(demo, tmp_path):
    summary = debriefs.list_debriefs(demo)[0]
    source = tmp_path / "photo.jpg"
    Image.new("RGB", (1600, 900), (200, 90, 40)).save(source, "JPEG")
    before = documents.debrief_pdf(demo, summary.event_id, tmp_path / "before.pdf")
    from visitplanner.services.documents.photos import add_photo

    add_photo(demo, summary.id, source, caption="La salle « living lab » & <b>ses</b> familles")
    after = documents.debrief_pdf(demo, summary.event_id, tmp_path / "after.pdf")
    assert after.stat().st_size > before.stat().st_size + 5_000
    assert "La salle « living lab » & <b>ses</b> familles" in _text(after)
    if shutil.which("pdfimages"):
        out = subprocess.run(
            ["pdfimages", "-list", str(after)], capture_output=True, text=True, check=True
        )
        assert len(out.stdout.splitlines()) == 3  # two header lines, one image
        assert " 1200 " in out.stdout  # shrunk to 1200 px on the long side


def test_english_report(demo, tmp_path):
    summary = debriefs.list_debriefs(demo)[0]
    path = documents.debrief_pdf(demo, summary.event_id, tmp_path / "d.pdf", language="en")
    text = _text(path)
    assert "Visit debrief" in text and "Follow-up actions" in text
    assert b"/Lang (en-GB)" in path.read_bytes()


@pytest.fixture
def run(capsys):
    def _run(*args):
        code = main([str(a) for a in args])
        out = capsys.readouterr()
        return code, out.out, out.err

    return _run


def test_cli_debrief(run, db_path, tmp_path, monkeypatch):
    monkeypatch.setenv("VISITPLANNER_DATA", str(tmp_path / "data"))
    code, _out, err = run("--db", db_path, "demo")
    assert code == 0, err
    target = tmp_path / "debrief.pdf"
    code, out, err = run("--db", db_path, "pdf", "debrief", "1", "--out", target)
    assert code == 0, err
    assert str(target) in out and "page 1 / " in _text(target)
    missing = tmp_path / "none.pdf"
    code, out, err = run("--db", db_path, "pdf", "debrief", "99", "--out", missing)
    assert code == 1 and out == ""
    assert len(err.strip().splitlines()) == 1 and "99" in err
    assert not missing.exists()


def test_typed_bullet_lists_print_as_bullets(demo, tmp_path):
    summary = next(d for d in debriefs.list_debriefs(demo) if d.status == "final")
    debriefs.save_text(
        demo, summary.id, "what_we_saw", "Trois pratiques :\n- un observatoire\n- un living lab"
    )
    text = _text(documents.debrief_pdf(demo, summary.event_id, tmp_path / "d.pdf"))
    assert "• un observatoire" in text and "• un living lab" in text
    assert "- un observatoire" not in text
