"""``visitplanner report --from --to --out FILE.json|.csv|.pdf`` (docs/command-line.md)."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

import report_data
from visitplanner.cli.main import main
from visitplanner.exchange.csvio import read_table


@pytest.fixture
def report(capsys, catalogue, db, monkeypatch):
    report_data.build(catalogue)
    catalogue.close()

    def run(*args: object) -> tuple[int, str, str]:
        try:
            code = main(["--db", str(db), "report", *map(str, args)])
        except SystemExit as exc:
            code = exc.code
        out, err = capsys.readouterr()
        return code, out, err

    return run


def test_json_has_the_contract_keys(report, tmp_path) -> None:
    out = tmp_path / "bilan.json"
    code, stdout, stderr = report("--from", "2027-01-01", "--to", "2027-12-31", "--out", out)
    assert (code, stderr) == (0, "")
    assert str(out) in stdout
    data = json.loads(out.read_text("utf-8"))
    assert data["period"] == {"from": "2027-01-01", "to": "2027-12-31", "time_zone": "Europe/Paris"}
    assert data["events_by_kind"] == {"visit": 2, "seminar": 1, "meeting": 1, "workshop": 1}
    assert data["participants"] == 6
    assert data["organisations"] == 4
    assert data["organisations_continuing"] == 1
    assert data["dynamics"] == 4
    assert data["cross_family_share"] == 0.5
    assert set(data["actions"]) == {"done", "open", "overdue"}
    assert data["person_hours"] == 49
    assert data["territories"] == {"2B": 2, "46": 2, "75": 2}
    assert {tuple(sorted(link)) for link in data["links"]} == {
        ("events", "from", "from_id", "to", "to_id")
    }


def test_csv_opens_in_french_excel(report, tmp_path) -> None:
    out = tmp_path / "bilan.csv"
    assert report("--from", "2027-01-01", "--to", "2027-12-31", "--out", out)[0] == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: accents intact in Excel
    assert b"\r\n" in raw and b";" in raw.splitlines()[0]
    table = read_table(out)
    rows = {(r[0], r[1]): r[3] for r in table.rows}
    assert rows[("participants", "")] == "6"
    assert rows[("territories", "2B")] == "2"
    assert rows[("cross_family_share", "")] == "0.5"  # English run: a decimal point
    assert any("Nova Child & Co" in r[2] for r in table.rows if r[0] == "links")


def test_pdf_has_cover_summary_and_detail(report, tmp_path) -> None:
    if not shutil.which("pdftotext"):
        pytest.skip("poppler-utils not installed")
    out = tmp_path / "bilan.pdf"
    assert (
        report("--from", "2027-01-01", "--to", "2027-12-31", "--out", out, "--doc-lang", "fr")[0]
        == 0
    )
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages")))
    assert pages >= 3
    first = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", str(out), "-"], capture_output=True, text=True
    ).stdout
    assert "Bilan d’activité" in first or "Activity report" in first
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    flat = " ".join(text.split())
    for expected in ("Nova Child & Co", "Tiers-lieu « La Forge »", "Collectif Ørsted"):
        assert expected in flat
    assert "transversalité" in flat  # the share's definition is printed beside it
    assert "50 %" in flat.replace("\u202f", " ").replace("\xa0", " ")
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True).stdout
    assert "Helvetica" not in fonts


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("--from", "2027-13-01", "--to", "2027-12-31", "--out", "x.pdf"), "--from"),
        (("--from", "2027-12-31", "--to", "2027-01-01", "--out", "x.pdf"), "2027-01-01"),
        (("--from", "2027-01-01", "--to", "2027-12-31", "--out", "x.txt"), "x.txt"),
    ],
)
def test_bad_input_is_refused_in_one_sentence(report, tmp_path, args, fragment) -> None:
    args = tuple(str(tmp_path / a) if a.startswith("x.") else a for a in args)
    code, stdout, stderr = report(*args)
    assert code == 1 and stdout == ""
    assert fragment in stderr and "Traceback" not in stderr
    assert not list(tmp_path.glob("x.*"))


def test_missing_period_is_a_usage_error(report, tmp_path) -> None:
    assert report("--out", tmp_path / "x.pdf")[0] == 2
