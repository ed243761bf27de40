"""``visitplanner people report``: the right of access from the command line."""

from __future__ import annotations

import json
import subprocess

import pytest
from tests.cli.conftest import _refused
from tests.privacy.conftest import EMAIL, NAME, fill


@pytest.fixture
def ids(catalogue):
    return fill(catalogue)


def test_report_by_email_writes_the_json_copy(vpdb, ids, tmp_path):
    out = tmp_path / "copy.json"
    result = vpdb("people", "report", EMAIL.upper(), "--out", out)
    assert result.code == 0, result
    assert str(out) in result.out
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["person"]["id"] == ids.person
    assert len(data["quotes"]) == 1 and len(data["participations"]) == 1


def test_report_by_name_writes_a_pdf_in_the_persons_language(vpdb, ids, tmp_path):
    out = tmp_path / "copy.pdf"
    result = vpdb("people", "report", "cagla nguyen", "--out", out, "--doc-lang", "en")
    assert result.code == 0, result
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    assert "Access report (RGPD)" in text and NAME in text


def test_report_refuses_an_unknown_person_and_a_wrong_suffix(vpdb, ids, tmp_path):
    _refused(
        vpdb("people", "report", "nobody@example.org", "--out", tmp_path / "x.json"),
        "nobody@example.org",
    )
    _refused(vpdb("people", "report", str(ids.person), "--out", tmp_path / "x.csv"), "x.csv")
    assert not list(tmp_path.glob("x.*"))


def test_report_without_out_is_a_usage_error(vpdb, ids):
    assert vpdb("people", "report", EMAIL).code == 2


def _age_everyone(db):
    from sqlalchemy import text

    from visitplanner.store.database import open_catalogue

    catalogue = open_catalogue(db)
    try:
        with catalogue.engine.begin() as conn:
            old = "'2015-01-01 00:00:00'"
            conn.execute(text(f"UPDATE people SET created_at={old}, updated_at={old}"))
            conn.execute(
                text("UPDATE events SET starts_at='2016-01-01 09:00:00', ends_at=starts_at")
            )
            conn.execute(text("UPDATE outbox SET sent_at='2016-01-01 09:00:00'"))
    finally:
        catalogue.close()


def test_review_lists_the_people_due_and_purges_old_message_texts(vpdb, ids, db):
    assert vpdb("people", "review", "--json").out.strip() == "[]"
    _age_everyone(db)
    result = vpdb("people", "review", "--json")
    data = json.loads(result.out)
    assert [row["name"] for row in data] == ["Bob Martin", "Çağla Nguyễn"]
    assert data[0]["participations"] == 2 and data[0]["last_event"] == "2016-01-01"
    assert vpdb("people", "review", "--inactive-years", "20", "--json").out.strip() == "[]"
    text = vpdb("people", "review")
    assert "Bob Martin" in text.out and "--purge-messages" in text.out
    purged = vpdb("people", "review", "--purge-messages")
    assert purged.code == 0 and "1 old message was purged" in purged.out
    _refused(vpdb("people", "review", "--inactive-years", "0"), "--inactive-years")


def test_register_writes_the_pdf(vpdb, ids, tmp_path):
    out = tmp_path / "registre.pdf"
    result = vpdb("people", "register", "--out", out, "--doc-lang", "en")
    assert result.code == 0, result
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    assert "Register of processing activities" in text
    _refused(vpdb("people", "register", "--out", tmp_path / "r.odt"), "r.odt")


@pytest.mark.sqlite_only(reason="the catalogue file's bytes (secure_delete)")
def test_erase_says_what_goes_and_needs_yes(vpdb, ids, db_path):
    dry = vpdb("people", "erase", EMAIL)
    assert dry.code == 1 and "--yes" in dry.err
    assert "1 quote erased." in dry.out and "Retour de visite" in dry.out
    assert vpdb("list", "people", "--json").out.count(EMAIL) == 1  # nothing erased

    done = vpdb("people", "erase", EMAIL, "--yes")
    assert done.code == 0, done
    assert "was erased" in done.out
    assert EMAIL not in vpdb("list", "people", "--json").out
    assert EMAIL.encode() not in db_path.read_bytes()
    _refused(vpdb("people", "erase", EMAIL, "--yes"), EMAIL)


@pytest.mark.sqlite_only(reason="backups are copies of the SQLite file")
def test_erase_can_purge_the_backups_holding_the_person(vpdb, ids, db_path):
    assert vpdb("backup").code == 0
    [old] = (db_path.parent / "backups").iterdir()
    result = vpdb("people", "erase", str(ids.person), "--yes", "--purge-backups")
    assert result.code == 0, result
    assert "Backup still holding them" in result.out and "1 backup deleted." in result.out
    assert not old.exists()
