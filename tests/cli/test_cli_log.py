"""``log add``, ``log sync FOLDER`` and ``log export`` as a script sees them."""

from __future__ import annotations

import json

import pytest

from visitplanner.cli.main import main


@pytest.fixture(autouse=True)
def _data_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("VISITPLANNER_DATA", str(tmp_path / "data"))


@pytest.fixture
def run(capsys):
    def _run(*args):
        try:
            code = main([str(a) for a in args])
        except SystemExit as exc:
            code = exc.code
        out, err = capsys.readouterr()
        return code, out, err

    return _run


def entry_id(out: str) -> str:
    """The entry's id in ``log add``'s sentence."""
    return out.rsplit("(id ", 1)[1].split(")", 1)[0]


def test_two_catalogues_share_one_folder_from_the_command_line(run, tmp_path):
    a, b, folder = tmp_path / "a.sqlite", tmp_path / "b.sqlite", tmp_path / "shared"
    folder.mkdir()
    assert run("--db", a, "demo")[0] == 0
    code, out, err = run("--db", a, "log", "sync", folder)
    assert (code, out, err) == (0, "Shared story synchronised: 8 revisions shared.\n", "")
    assert run("--db", b, "log", "sync", folder)[1] == (
        "Shared story synchronised: 8 revisions received.\n"
    )
    # b now knows its folder: a new entry goes there at once.
    code, out, _ = run(
        "--db", b, "log", "add", "--title", "Comité de pilotage", "--text", "Cap gardé.",
        "--date", "2026-12-01", "--kind", "decision", "--author", "Bruno",
    )  # fmt: skip
    assert code == 0
    # It says what it created: the title, the day and the id ``list log --json`` gives.
    assert out.startswith("Story entry “Comité de pilotage” of 2026-12-01 added (id ")
    uuid = entry_id(out)
    assert len(list(folder.glob(f"entries/{uuid}.*"))) == 1
    assert run("--db", a, "log", "sync", folder)[1] == (
        "Shared story synchronised: 1 revision received.\n"
    )
    listed = json.loads(run("--db", a, "list", "log", "--json")[1])
    assert listed[0] == {
        "id": uuid,
        "date": "2026-12-01",
        "title": "Comité de pilotage",
        "kind": "decision",
        "author": "Bruno",
    }
    assert run("--db", a, "log", "sync", folder)[1] == "Shared story up to date.\n"


def test_a_bad_file_is_named_on_stderr_once(run, tmp_path):
    db, folder = tmp_path / "a.sqlite", tmp_path / "shared"
    (folder / "entries").mkdir(parents=True)
    (folder / "entries" / "broken.json").write_text("{")
    code, _out, err = run("--db", db, "log", "sync", folder)
    assert code == 0
    assert err == "Skipped broken.json: the file is damaged or incomplete.\n"
    assert run("--db", db, "log", "sync", folder)[2] == ""


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("log", "add", "--title", " "), "title: this field is required."),
        (("log", "add", "--title", "x", "--date", "2026-02-30"), "Not a date: 2026-02-30"),
        (("log", "add", "--title", "x", "--dynamic", "Nowhere"), "No dynamic matches “Nowhere”"),
        (("log", "sync", "missing-folder"), "cannot be reached"),
    ],
)
def test_refusals_are_one_sentence_and_change_nothing(run, tmp_path, args, fragment):
    db = tmp_path / "a.sqlite"
    run("--db", db, "list", "log")
    code, out, err = run("--db", db, *args)
    assert (code, out) == (1, "")
    assert fragment in err and err.count("\n") == 1
    assert run("--db", db, "list", "log", "--json")[1] == "[]\n"


def test_wrong_usage_exits_2(run, tmp_path):
    assert run("--db", tmp_path / "a.sqlite", "log", "add")[0] == 2
    assert (
        run("--db", tmp_path / "a.sqlite", "log", "export", "--format", "doc", "--out", "x")[0] == 2
    )


def test_text_can_come_from_standard_input(run, tmp_path, monkeypatch):
    import io

    db = tmp_path / "a.sqlite"
    monkeypatch.setattr("sys.stdin", io.StringIO("Première ligne\n\nSeconde."))
    code, out, _ = run("--db", db, "log", "add", "--title", "Récit", "--text", "-")
    assert code == 0
    from visitplanner.services.story import entries as story_entries
    from visitplanner.store.database import open_catalogue

    catalogue = open_catalogue(str(db))
    assert story_entries.get_entry(catalogue, entry_id(out)).text == "Première ligne\n\nSeconde."
    catalogue.close()


@pytest.mark.parametrize("fmt", ["md", "html", "pdf"])
def test_export_writes_the_story(run, tmp_path, fmt):
    db = tmp_path / "a.sqlite"
    run("--db", db, "demo")
    out = tmp_path / f"récit.{fmt}"
    code, stdout, err = run("--db", db, "log", "export", "--format", fmt, "--out", out)
    assert (code, err) == (0, "")
    assert out.is_file() and out.stat().st_size > 500
    assert str(out) in stdout
