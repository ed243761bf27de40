"""The booklet of debriefs: cover, contents with the right pages, chapters, synthesis, actions."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from PIL import Image

from visitplanner.cli.main import main
from visitplanner.domain.errors import UserError
from visitplanner.exchange.pdf import theme
from visitplanner.services.demo import load_demo
from visitplanner.services.documents import debriefs
from visitplanner.services.documents import printing as documents
from visitplanner.services.events import planning

pytestmark = pytest.mark.skipif(
    not all(shutil.which(tool) for tool in ("pdftotext", "pdffonts", "pdfinfo")),
    reason="poppler-utils is not installed",
)


def _text(path: Path, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    out = subprocess.run(
        ["pdftotext", *pages, str(path), "-"], capture_output=True, text=True, check=True
    )
    return " ".join(out.stdout.split())


def _pages(path: Path) -> int:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    line = next(ln for ln in out.stdout.splitlines() if ln.startswith("Pages:"))
    return int(line.split()[1])


@pytest.fixture
def demo(catalogue, tmp_path, monkeypatch):
    monkeypatch.setenv("VISITPLANNER_DATA", str(tmp_path / "data"))
    load_demo(catalogue, "small")
    return catalogue


def test_demo_booklet(demo, tmp_path):
    logo = tmp_path / "logo.png"
    Image.new("RGB", (400, 200), (20, 80, 160)).save(logo)
    calls = []
    path = documents.booklet_pdf(
        demo,
        tmp_path / "out" / "livret.pdf",
        title="Livret <b>2026</b> & « Nguyễn » 🙂",
        network="Collectif Dynamiques pionnières",
        logo=logo,
        progress=lambda done, total: calls.append((done, total)),
    )
    assert path.exists() and not list(path.parent.glob(".*.part"))
    assert calls[-1][0] == calls[-1][1]
    pages = _pages(path)
    text = _text(path)
    cover = _text(path, 1)
    assert "Livret <b>2026</b> & « Nguyễn » □" in cover
    assert "Collectif Dynamiques pionnières" in cover and "toutes les visites" in cover
    assert "Sommaire" in _text(path, 2)
    summaries = debriefs.list_debriefs(demo)
    contents = _text(path, 2)
    for summary in summaries:
        title = " ".join(summary.event_title.split())
        assert title in contents
        # The contents gives the page the chapter starts on.
        after = contents[contents.index(title) + len(title) :].replace(".", " ").split()
        assert title in _text(path, int(after[0]))
    assert "Synthèse thématique" in text and "Suites à donner en cours" in text
    for label in ("Coopération durable", "Offre de services", "Modèle économique"):
        assert text.count(label) >= 2  # in the chapters and in the synthesis
    open_actions = [a for a in debriefs.list_actions(demo) if not a.done]
    assert open_actions and open_actions[0].text.split()[0] in _text(path, pages)
    assert f"page 1 / {pages}" in text and f"page {pages} / {pages}" in text
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    for row in out.stdout.splitlines()[2:]:
        assert row.split()[-5] == "yes" and row.split()[0].split("+")[-1] in theme._FONT_FILES
    data = path.read_bytes()
    assert b"/Outlines" in data and b"/Lang (fr-FR)" in data


def test_period_and_dynamic_filters(demo, tmp_path):
    first, second = debriefs.list_debriefs(demo)[:2]
    path = documents.booklet_pdf(
        demo, tmp_path / "a.pdf", start=first.event_start, end=first.event_start
    )
    text = _text(path)
    assert first.event_title in text and second.event_title not in text
    event = planning.get_event(demo, second.event_id).event
    dynamic_id = (*event.visiting_dynamic_ids, *event.visited_dynamic_ids)[0]
    path = documents.booklet_pdf(demo, tmp_path / "b.pdf", dynamic_id=dynamic_id)
    assert second.event_title in _text(path)
    with pytest.raises(UserError):
        documents.booklet_pdf(demo, tmp_path / "c.pdf", start=date(2040, 1, 1))
    assert not (tmp_path / "c.pdf").exists()


def test_cancel_writes_nothing(demo, tmp_path):
    with pytest.raises(documents.BookletCancelled):
        documents.booklet_pdf(demo, tmp_path / "x.pdf", cancelled=lambda: True)
    assert not list(tmp_path.glob("*x.pdf*"))


@pytest.fixture
def run(capsys):
    def _run(*args):
        code = main([str(a) for a in args])
        out = capsys.readouterr()
        return code, out.out, out.err

    return _run


def test_cli_booklet(run, db_path, tmp_path, monkeypatch):
    monkeypatch.setenv("VISITPLANNER_DATA", str(tmp_path / "data"))
    assert run("--db", db_path, "demo")[0] == 0
    target = tmp_path / "livret.pdf"
    code, out, err = run(
        "--db", db_path, "--lang", "fr", "pdf", "booklet", "--out", target, "--from", "2026-01-01",
        "--to", "2026-12-31",
    )  # fmt: skip
    assert code == 0, err
    assert str(target) in out and "Sommaire" in _text(target)
    # Documents follow the language of the messages unless --doc-lang says otherwise.
    code, out, err = run(
        "--db", db_path, "--lang", "en", "pdf", "booklet", "--out", target, "--from", "2026-01-01",
    )  # fmt: skip
    assert code == 0, err
    assert "Contents" in _text(target) and "Sommaire" not in _text(target)
    code, out, err = run(
        "--db", db_path, "--lang", "en", "pdf", "booklet", "--out", target, "--doc-lang", "fr",
        "--from", "2026-01-01",
    )  # fmt: skip
    assert code == 0, err
    assert "Sommaire" in _text(target)
    code, out, err = run("--db", db_path, "pdf", "booklet", "--out", target, "--from", "hier")
    assert code == 1 and "hier" in err
    code, out, err = run("--db", db_path, "pdf", "booklet", "--out", target, "--dynamic", "Zzz")
    assert code == 1 and "Zzz" in err


def test_the_period_takes_visits_overlapping_it_in_the_catalogues_zone(catalogue, tmp_path):
    """`--from/--to` are calendar days, both included, and a visit overlapping them is in
    (the feed's rule). Before, only the start day counted: a two-day visit begun the day
    before `--from` was left out of the booklet."""
    event_id = planning.create_event(
        catalogue,
        planning.EventInput(
            kind="visit",
            title="Deux jours à la ressourcerie",
            start="2027-06-06T09:00",
            end="2027-06-07T17:00",
        ),
    ).created_id("event")
    debriefs.open_debrief(catalogue, event_id)

    path = documents.booklet_pdf(
        catalogue, tmp_path / "a.pdf", start=date(2027, 6, 7), end=date(2027, 6, 7)
    )

    assert "Deux jours à la ressourcerie" in _text(path)
    with pytest.raises(UserError):
        documents.booklet_pdf(
            catalogue, tmp_path / "b.pdf", start=date(2027, 6, 8), end=date(2027, 6, 9)
        )
