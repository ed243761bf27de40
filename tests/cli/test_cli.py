"""The command line as a script sees it: exit status, stdout, one sentence on stderr.

The contract is ../shared/design/CLI.md: 0 done; 1 refused with one plain
sentence on stderr and nothing changed; 2 wrong usage; never a traceback.
"""

import json
import re
import sqlite3
import subprocess
import sys
import uuid
from contextlib import closing
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from backends import server_rows
from visitplanner import __version__
from visitplanner.cli.main import main
from visitplanner.domain.text import search_key
from visitplanner.services.directory import records as cat
from visitplanner.services.events import planning
from visitplanner.store.database import describe, open_catalogue, resolve_url
from visitplanner.store.models import Debrief, FollowUpAction, StoryEntry

OFFSET = re.compile(r"[+-]\d\d:\d\d$")


@dataclass
class Result:
    code: int
    out: str
    err: str

    @property
    def json(self):
        return json.loads(self.out)


@pytest.fixture
def run(capsys):
    """Runs ``visitplanner ARGS`` in-process and returns what a shell would see."""

    def _run(*args):
        try:
            code = main([str(a) for a in args])
        except SystemExit as exc:  # argparse: --version, usage errors
            code = exc.code
        out, err = capsys.readouterr()
        return Result(code, out, err)

    return _run


@pytest.fixture
def cli(run, db):
    """``visitplanner --db DB ARGS`` on this test's catalogue."""
    return lambda *args: run("--db", db, *args)


def dump(path):
    """Every row of every table: what "nothing changed" is compared on."""
    if "://" in str(path):
        return server_rows(str(path))
    with closing(sqlite3.connect(path)) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {
            t: sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables
        }


def assert_refused(result, *fragments):
    """Exit 1, nothing on stdout, one sentence on stderr containing ``fragments``."""
    assert result.code == 1, result
    assert result.out == ""
    assert result.err.endswith("\n")
    assert result.err.count("\n") == 1, result.err
    sentence = result.err.strip()
    assert sentence.endswith("."), sentence
    assert "Traceback" not in sentence
    for fragment in fragments:
        assert fragment in sentence


def assert_usage_error(result):
    assert result.code == 2, result
    assert result.out == ""
    assert "usage: visitplanner" in result.err
    assert "Traceback" not in result.err


# --- a small catalogue with every kind of record ----------------------------------------------


@dataclass
class Filled:
    summer: int
    winter: int
    summer_uid: str
    helene: int
    marc: int
    host: int


@pytest.fixture
def filled(db):
    """Two of each kind, one of which a folded search for a word with accents finds."""
    catalogue = open_catalogue(str(db))
    try:
        cat.create_dynamic(catalogue, cat.DynamicInput(name="Clus'ter Jura", kind="ptce"))
        cat.create_dynamic(catalogue, cat.DynamicInput(name="Pôle Mer Bretagne", kind="cluster"))
        host = cat.create_host(
            catalogue, cat.HostInput(name="Fromagerie du Haut-Doubs", city="Besançon", capacity=20)
        ).created_id("host")
        cat.create_host(catalogue, cat.HostInput(name="Atelier Nord", city="Lille"))
        helene = cat.create_person(
            catalogue,
            cat.PersonInput(
                family_name="Dupont",
                given_name="Hélène",
                email="Helene.Dupont@example.org",
                organisation="Clus'ter Jura",
                actor_type="association",
            ),
        ).created_id("person")
        marc = cat.create_person(
            catalogue, cat.PersonInput(family_name="Martin", given_name="Marc")
        ).created_id("person")
        summer = planning.create_event(
            catalogue,
            planning.EventInput(
                kind="visit",
                title="Visite à Besançon",
                start="2027-07-01T09:00",
                end="2027-07-01T17:00",
                host_id=host,
                capacity=1,
            ),
        ).created_id("event")
        winter = planning.create_event(
            catalogue,
            planning.EventInput(
                kind="seminar",
                title="Séminaire commun",
                start="2027-01-14T09:00",
                end="2027-01-15T12:00",
                location="Lyon",
            ),
        ).created_id("event")
        planning.add_participant(catalogue, summer, helene, role="speaker", status="accepted")
        with catalogue.session() as session:
            summer_debrief = Debrief(event_id=summer, status="final")
            winter_debrief = Debrief(event_id=winter, status="draft")
            session.add_all([summer_debrief, winter_debrief])
            session.flush()
            session.add_all(
                [
                    FollowUpAction(
                        debrief_id=summer_debrief.id,
                        text="Envoyer le compte rendu",
                        due_date=date(2027, 7, 15),
                    ),
                    FollowUpAction(debrief_id=winter_debrief.id, text="Relancer la mairie"),
                ]
            )
            for day, title, kind, author in [
                (date(2027, 7, 1), "École du réemploi", "visit", "Hélène Dupont"),
                (date(2027, 1, 20), "Budget voté", "decision", None),
            ]:
                session.add(
                    StoryEntry(
                        uuid=str(uuid.uuid4()),
                        entry_date=day,
                        title=title,
                        kind=kind,
                        author=author,
                        search_key=search_key(title, author),
                    )
                )
        uid = planning.get_event(catalogue, summer).event.uid
    finally:
        catalogue.close()
    return Filled(summer, winter, uid, helene, marc, host)


# --- version and usage ------------------------------------------------------------------------


def test_version(run):
    result = run("--version")
    assert result.code == 0
    assert result.out.strip() == f"Visit Planner {__version__}"


@pytest.mark.parametrize(
    "args",
    [
        ["frobnicate"],
        ["list"],
        ["list", "widgets"],
        ["list", "events", "--format", "xml"],
        ["show"],
        ["show", "event"],
        ["event"],
        ["event", "add", "--kind", "visit", "--title", "T", "--start", "2027-07-01T09:00"],
        ["event", "add", "--kind", "party", "--title", "T", "--start", "x", "--end", "y"],
        ["participants", "add", "1"],
        ["demo", "--size", "huge"],
        ["--lang", "de", "list", "events"],
    ],
    ids=" ".join,
)
@pytest.mark.sqlite_only(reason="no catalogue file may appear")
def test_wrong_usage_exits_2_and_touches_no_catalogue(cli, db_path, args):
    assert_usage_error(cli(*args))
    assert not db_path.exists()


# --- demo -------------------------------------------------------------------------------------


def test_demo_then_list_events_gives_iso_times_with_their_offset(cli, db):
    loaded = cli("demo")
    assert loaded.code == 0, loaded.err
    assert loaded.out.startswith(f"Demo catalogue loaded into {describe(resolve_url(db))}: ")
    assert re.search(r"\d+ dynamics, \d+ hosts, \d+ people, (\d+) events\.$", loaded.out.strip())
    announced = int(re.search(r"(\d+) events\.$", loaded.out.strip()).group(1))

    listed = cli("list", "events", "--json")
    assert listed.code == 0, listed.err
    events = listed.json
    assert len(events) == announced > 0
    for e in events:
        for key in ("start", "end"):
            moment = datetime.fromisoformat(e[key])
            assert OFFSET.search(e[key]), e[key]
            assert moment.utcoffset() == moment.astimezone(ZoneInfo(e["timezone"])).utcoffset()
    offsets = {e["start"][-6:] for e in events}
    assert {"+01:00", "+02:00"} <= offsets  # summer and winter events in Paris


def test_demo_refuses_a_catalogue_that_is_not_empty(cli, db, filled):
    before = dump(db)
    assert_refused(cli("demo"), "--force")
    assert dump(db) == before


def test_demo_with_force_replaces_the_content(cli, filled):
    result = cli("demo", "--force")
    assert result.code == 0, result.err
    titles = [e["title"] for e in cli("list", "events", "--json").json]
    assert "Visite à Besançon" not in titles
    assert titles


# --- list -------------------------------------------------------------------------------------

# kind, a search, what the search finds, what it leaves out (as shown in the table).
LISTS = [
    ("dynamics", "cluster jura", "Clus'ter Jura", "Pôle Mer Bretagne"),
    ("hosts", "besancon", "Fromagerie du Haut-Doubs", "Atelier Nord"),
    ("people", "helene", "Hélène Dupont", "Marc Martin"),
    ("events", "BESANCON", "Visite à Besançon", "Séminaire commun"),
    ("debriefs", "besancon", "Visite à Besançon", "Séminaire commun"),
    ("actions", "besancon", "Envoyer le compte rendu", "Relancer la mairie"),
    ("log", "ecole reemploi", "École du réemploi", "Budget voté"),
]


@pytest.mark.parametrize(("kind", "search", "found", "other"), LISTS, ids=[k[0] for k in LISTS])
def test_list_shows_a_table(cli, filled, kind, search, found, other):
    result = cli("list", kind)
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert len(lines) == 3  # header and two records
    assert found in result.out and other in result.out


@pytest.mark.parametrize(("kind", "search", "found", "other"), LISTS, ids=[k[0] for k in LISTS])
def test_list_search_ignores_case_and_accents(cli, filled, kind, search, found, other):
    result = cli("list", kind, "--search", search)
    assert result.code == 0, result.err
    assert len(result.out.splitlines()) == 2
    assert found in result.out
    assert other not in result.out


@pytest.mark.parametrize(("kind", "search", "found", "other"), LISTS, ids=[k[0] for k in LISTS])
def test_list_json_is_one_array(cli, filled, kind, search, found, other):
    everything = cli("list", kind, "--json")
    assert everything.code == 0, everything.err
    assert isinstance(everything.json, list) and len(everything.json) == 2
    searched = cli("list", kind, "--json", "--search", search)
    assert len(searched.json) == 1
    assert found in json.dumps(searched.json, ensure_ascii=False)


@pytest.mark.parametrize("kind", [k[0] for k in LISTS])
def test_an_empty_list(cli, kind):
    assert cli("list", kind).out == "Nothing to list.\n"
    assert cli("list", kind, "--json").json == []


def test_list_events_json(cli, filled):
    winter, summer = cli("list", "events", "--json").json
    assert {"id", "uid", "kind", "title", "start", "end", "status"} <= set(summer)
    assert summer["id"] == filled.summer
    assert summer["uid"] == filled.summer_uid
    assert (summer["kind"], summer["status"]) == ("visit", "planned")
    assert summer["title"] == "Visite à Besançon"
    assert summer["start"] == "2027-07-01T09:00:00+02:00"
    assert summer["end"] == "2027-07-01T17:00:00+02:00"
    assert winter["start"] == "2027-01-14T09:00:00+01:00"
    assert winter["end"] == "2027-01-15T12:00:00+01:00"
    assert winter["kind"] == "seminar"


def test_list_people_json(cli, filled):
    [helene] = cli("list", "people", "--json", "--search", "helene").json
    assert helene == {
        "id": filled.helene,
        "name": "Hélène Dupont",
        "given_name": "Hélène",
        "family_name": "Dupont",
        "email": "Helene.Dupont@example.org",
        "organisation": "Clus'ter Jura",
        "actor_type": "association",
    }


def test_list_debriefs_json(cli, filled):
    debriefs = cli("list", "debriefs", "--json").json
    assert all({"id", "event_id", "status"} <= set(d) for d in debriefs)
    assert [(d["event_id"], d["status"]) for d in debriefs] == [
        (filled.winter, "draft"),
        (filled.summer, "final"),
    ]


def test_list_log_json(cli, filled):
    entries = cli("list", "log", "--json").json
    assert [set(e) for e in entries] == [{"id", "date", "title", "kind", "author"}] * 2
    newest = entries[0]
    assert (newest["date"], newest["title"], newest["kind"], newest["author"]) == (
        "2027-07-01",
        "École du réemploi",
        "visit",
        "Hélène Dupont",
    )
    assert str(uuid.UUID(newest["id"])) == newest["id"]


def test_list_actions_json(cli, filled):
    actions = cli("list", "actions", "--json").json
    assert [(a["text"], a["due_date"], a["done"]) for a in actions] == [
        ("Envoyer le compte rendu", "2027-07-15", False),
        ("Relancer la mairie", None, False),
    ]


def test_enumerations_stay_english_codes_in_french(cli, filled):
    result = cli("--lang", "fr", "list", "events", "--json")
    assert [(e["kind"], e["status"]) for e in result.json] == [
        ("seminar", "planned"),
        ("visit", "planned"),
    ]


def test_a_debrief_is_dated_by_the_events_local_day(cli, db):
    """Just after midnight in Paris is still the previous day in UTC."""
    catalogue = open_catalogue(str(db))
    try:
        event_id = planning.create_event(
            catalogue,
            planning.EventInput(
                kind="meeting",
                title="Veillée",
                start="2027-03-12T00:30",
                end="2027-03-12T02:00",
            ),
        ).created_id("event")
        with catalogue.session() as session:
            session.add(Debrief(event_id=event_id))
    finally:
        catalogue.close()
    [row] = cli("list", "debriefs").out.splitlines()[1:]
    assert "2027-03-12" in row


# --- where the catalogue is -------------------------------------------------------------------


def test_the_environment_variable_is_used_without_db(run, tmp_path, monkeypatch):
    target = tmp_path / "env" / "shared.sqlite"
    monkeypatch.setenv("VISITPLANNER_DB", str(target))
    added = run(
        "event", "add", "--kind", "meeting", "--title", "Point",
        "--start", "2027-07-01T09:00", "--end", "2027-07-01T10:00",
    )  # fmt: skip
    assert added.code == 0, added.err
    assert [e["title"] for e in run("--db", target, "list", "events", "--json").json] == ["Point"]


def test_a_new_path_becomes_a_new_catalogue(run, tmp_path):
    target = tmp_path / "new" / "catalogue.sqlite"
    result = run("--db", target, "list", "people")
    assert result.code == 0
    assert result.out == "Nothing to list.\n"
    assert target.exists()


def test_a_text_file_is_refused_and_left_as_it_was(run, tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("pas un catalogue\n", encoding="utf-8")
    before = notes.read_bytes()
    assert_refused(
        run("--db", notes, "list", "events"), str(notes), "not a Visit Planner catalogue"
    )
    assert notes.read_bytes() == before


def test_another_applications_database_is_refused_and_keeps_its_rows(run, tmp_path):
    other = tmp_path / "accounts.sqlite"
    with closing(sqlite3.connect(other)) as conn, conn:
        conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount INTEGER)")
        conn.execute("INSERT INTO invoices (amount) VALUES (120)")
    before = dump(other)
    assert_refused(
        run("--db", other, "list", "events"), str(other), "not a Visit Planner catalogue"
    )
    assert dump(other) == before


@pytest.mark.sqlite_only(reason="the catalogue file's bytes")
def test_a_catalogue_from_a_newer_version_is_refused_untouched(cli, db_path, filled):
    with closing(sqlite3.connect(db_path)) as conn, conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    before = db_path.read_bytes()
    assert_refused(cli("list", "events"), str(db_path), "newer version")
    assert db_path.read_bytes() == before


def test_an_unwritable_catalogue_path_is_refused(run, tmp_path):
    blocker = tmp_path / "plain-file"
    blocker.write_text("x")
    target = blocker / "catalogue.sqlite"
    assert_refused(run("--db", target, "list", "events"), f"Cannot create the catalogue {target}")
    assert blocker.read_text() == "x"


# --- show event -------------------------------------------------------------------------------


def test_show_event_by_id(cli, filled):
    result = cli("show", "event", filled.summer)
    assert result.code == 0, result.err
    out = result.out
    assert "Visite à Besançon  [Learning visit · Planned]" in out
    assert "2027-07-01 09:00 → 2027-07-01 17:00 (Europe/Paris)" in out
    assert "Fromagerie du Haut-Doubs, Besançon" in out
    assert f"UID: {filled.summer_uid}  SEQUENCE: 0" in out
    assert "Participants: 1 / 1 accepted, 0 waiting" in out
    assert re.search(r"Hélène Dupont\s+Speaker\s+Accepted\s+Helene.Dupont@example.org", out)


def test_show_event_json_by_uid(cli, filled):
    result = cli("show", "event", filled.summer_uid, "--json")
    assert result.code == 0, result.err
    data = result.json
    assert isinstance(data, dict)
    assert (data["id"], data["uid"], data["title"]) == (
        filled.summer,
        filled.summer_uid,
        "Visite à Besançon",
    )
    assert data["start"] == "2027-07-01T09:00:00+02:00"
    assert data["programme"] == []
    [participant] = data["participants"]
    assert {"person_id", "name", "email", "role", "status"} <= set(participant)
    assert (
        participant["person_id"],
        participant["name"],
        participant["email"],
        participant["role"],
        participant["status"],
    ) == (filled.helene, "Hélène Dupont", "Helene.Dupont@example.org", "speaker", "accepted")


def test_show_event_json_by_id_equals_by_uid(cli, filled):
    assert (
        cli("show", "event", filled.summer, "--json").json
        == cli("show", "event", filled.summer_uid, "--json").json
    )


@pytest.mark.parametrize("reference", ["999", "nope@visitplanner"])
def test_show_an_unknown_event(cli, filled, reference):
    assert_refused(cli("show", "event", reference), f"No event matches “{reference}”")


# --- event add / edit -------------------------------------------------------------------------

ADD = ["event", "add", "--kind", "workshop", "--title", "Atelier réemploi"]


def test_event_add(cli, filled):
    result = cli(
        *ADD, "--start", "2027-03-02T14:00", "--end", "2027-03-02T17:00",
        "--host", filled.host, "--capacity", "12",
    )  # fmt: skip
    assert result.code == 0, result.err
    match = re.fullmatch(
        r"Event (\d+) created: Atelier réemploi \((\S+@visitplanner)\)\.\n", result.out
    )
    assert match
    data = cli("show", "event", match.group(2), "--json").json
    assert data["id"] == int(match.group(1))
    assert (data["kind"], data["status"], data["capacity"]) == ("workshop", "planned", 12)
    assert data["host_id"] == filled.host
    assert data["start"] == "2027-03-02T14:00:00+01:00"
    assert data["end"] == "2027-03-02T17:00:00+01:00"


def test_event_add_in_another_time_zone(cli):
    result = cli(
        *ADD, "--start", "2027-07-01T09:00", "--end", "2027-07-01T10:00", "--tz", "America/Montreal"
    )
    assert result.code == 0, result.err
    [e] = cli("list", "events", "--json").json
    assert (e["timezone"], e["start"]) == ("America/Montreal", "2027-07-01T09:00:00-04:00")


WHEN = ["--start", "2027-07-01T09:00", "--end", "2027-07-01T10:00"]


@pytest.mark.parametrize(
    ("extra", "fragments"),
    [
        (
            ["--start", "2027-07-01T17:00", "--end", "2027-07-01T09:00"],
            ["end:", "before the start"],
        ),
        (["--start", "1er juillet", "--end", "2027-07-01T09:00"], ["start:", "“1er juillet”"]),
        (["--start", "2027-07-01T09:00", "--end", "2027-02-30T10:00"], ["end:", "2027-02-30T10"]),
        ([*WHEN, "--capacity", "-2"], ["capacity:", "negative"]),
        ([*WHEN, "--capacity", "lots"], ["capacity:", "“lots”"]),
        ([*WHEN, "--tz", "Mars/Base"], ["time zone:", "Mars/Base"]),
        ([*WHEN, "--host", "abc"], ["host organisation", "“abc”"]),
        ([*WHEN, "--host", "999"], ["No host organisation has id 999"]),
        ([*WHEN, "--status", "soon"], ["status:", "“soon”"]),
        (["--title", " ", *WHEN], ["title:", "required"]),
    ],
    ids=[
        "end before start",
        "malformed start",
        "impossible date",
        "negative capacity",
        "capacity not a number",
        "unknown time zone",
        "host not found by name",
        "unknown host",
        "unknown status",
        "blank title",
    ],
)
def test_event_add_refuses_bad_input_and_changes_nothing(cli, db, filled, extra, fragments):
    before = dump(db)
    assert_refused(cli(*ADD, *extra), *fragments)
    assert dump(db) == before


def test_event_edit(cli, filled):
    result = cli(
        "event", "edit", filled.summer, "--title", "Visite reportée",
        "--start", "2027-07-02T10:00", "--end", "2027-07-02T16:00",
        "--location", "Salle des fêtes", "--capacity", "30",
    )  # fmt: skip
    assert result.code == 0, result.err
    assert result.out == f"Event {filled.summer} updated: Visite reportée.\n"
    data = cli("show", "event", filled.summer, "--json").json
    assert data["title"] == "Visite reportée"
    assert data["start"] == "2027-07-02T10:00:00+02:00"
    assert data["end"] == "2027-07-02T16:00:00+02:00"
    assert data["location"] == "Salle des fêtes"
    assert data["capacity"] == 30


def test_event_edit_by_uid(cli, filled):
    result = cli("event", "edit", filled.summer_uid, "--status", "confirmed")
    assert result.code == 0, result.err
    assert cli("show", "event", filled.summer, "--json").json["status"] == "confirmed"


@pytest.mark.parametrize(
    ("args", "fragments"),
    [
        (["999", "--title", "x"], ["No event matches “999”"]),
        (["{summer}", "--end", "2027-07-01T08:00"], ["end:", "before the start"]),
        (["{summer}", "--start", "juillet"], ["start:", "“juillet”"]),
        (["{summer}"], ["Nothing to change"]),
        (["{summer}", "--capacity", "-1"], ["capacity:"]),
    ],
    ids=["unknown event", "end before start", "malformed date", "nothing given", "bad capacity"],
)
def test_event_edit_refuses_bad_input_and_changes_nothing(cli, db, filled, args, fragments):
    before = dump(db)
    args = [a.format(summer=filled.summer) for a in args]
    assert_refused(cli("event", "edit", *args), *fragments)
    assert dump(db) == before


# --- participants add -------------------------------------------------------------------------


def participants_of(cli, event):
    return {
        p["name"]: p["status"] for p in cli("show", "event", event, "--json").json["participants"]
    }


def test_participants_add_by_person_id(cli, filled):
    result = cli("participants", "add", filled.winter, filled.marc, "--role", "observer")
    assert result.code == 0, result.err
    assert result.out == "Marc Martin added (Invited).\n"
    [p] = cli("show", "event", filled.winter, "--json").json["participants"]
    assert (p["person_id"], p["role"], p["status"]) == (filled.marc, "observer", "invited")


def test_participants_add_by_email_in_any_case(cli, filled):
    result = cli(
        "participants", "add", filled.winter, "HELENE.DUPONT@example.org", "--status", "accepted"
    )
    assert result.code == 0, result.err
    assert result.out == "Hélène Dupont added (Accepted).\n"
    assert participants_of(cli, filled.winter) == {"Hélène Dupont": "accepted"}


def test_participants_add_to_a_full_event_puts_on_the_waiting_list(cli, filled):
    # The summer visit holds one place, taken by Hélène.
    result = cli("participants", "add", filled.summer_uid, filled.marc, "--status", "accepted")
    assert result.code == 0, result.err
    assert result.out.startswith(
        "The event is full: Marc Martin is number 1 on the waiting list.\n"
        "Marc Martin is flagged « to notify »: `notify "
    )
    data = cli("show", "event", filled.summer, "--json").json
    marc = next(p for p in data["participants"] if p["person_id"] == filled.marc)
    assert (marc["status"], marc["waitlist_position"]) == ("waitlisted", 1)


@pytest.mark.parametrize(
    ("args", "fragments"),
    [
        (["{summer}", "{helene}"], ["Hélène Dupont is already on the list of “Visite à Besançon”"]),
        (["{summer}", "999"], ["No person has id 999"]),
        (["{summer}", "nobody@example.org"], ["No person matches “nobody@example.org”"]),
        (["999", "{marc}"], ["No event matches “999”"]),
        (["{summer}", "{marc}", "--role", "boss"], ["role:", "boss"]),
        (["{summer}", "{marc}", "--status", "maybe"], ["status:", "maybe"]),
    ],
    ids=[
        "already listed",
        "unknown id",
        "unknown e-mail",
        "unknown event",
        "bad role",
        "bad status",
    ],
)
def test_participants_add_refuses_bad_input_and_changes_nothing(cli, db, filled, args, fragments):
    before = dump(db)
    args = [a.format(summer=filled.summer, helene=filled.helene, marc=filled.marc) for a in args]
    assert_refused(cli("participants", "add", *args), *fragments)
    assert dump(db) == before


# --- backup -----------------------------------------------------------------------------------


@pytest.mark.sqlite_only(reason="a backup is a copy of the SQLite file")
def test_backup_to_the_default_location(cli, db_path, filled):
    result = cli("backup")
    assert result.code == 0, result.err
    match = re.fullmatch(r"Backup written to (.+)\.\n", result.out)
    assert match
    target = db_path.parent / "backups" / match.group(1).rsplit("/", 1)[-1]
    assert str(target) == match.group(1)
    assert target.exists()
    assert dump(target) == dump(db_path)


@pytest.mark.sqlite_only(reason="a backup is a copy of the SQLite file")
def test_backup_to_a_chosen_file(cli, run, db_path, filled, tmp_path):
    target = tmp_path / "saved" / "copy.sqlite"
    result = cli("backup", "--out", target)
    assert result.code == 0, result.err
    assert result.out == f"Backup written to {target}.\n"
    titles = [e["title"] for e in run("--db", target, "list", "events", "--json").json]
    assert titles == ["Séminaire commun", "Visite à Besançon"]


@pytest.mark.sqlite_only(reason="a backup is a copy of the SQLite file")
def test_backup_refuses_to_overwrite_the_catalogue(cli, db_path, filled):
    before = db_path.read_bytes()
    assert_refused(cli("backup", "--out", db_path), "cannot overwrite the catalogue itself")
    assert db_path.read_bytes() == before


@pytest.mark.sqlite_only(reason="a backup is a copy of the SQLite file")
def test_backup_to_an_unwritable_place_is_refused(cli, db_path, filled, tmp_path):
    blocker = tmp_path / "plain-file"
    blocker.write_text("x")
    target = blocker / "copy.sqlite"
    before = dump(db_path)
    assert_refused(cli("backup", "--out", target), f"Cannot write the backup {target}")
    assert blocker.read_text() == "x"
    assert dump(db_path) == before


# --- the real entry point ---------------------------------------------------------------------


def visitplanner(*args):
    return subprocess.run(
        [sys.executable, "-m", "visitplanner", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_entry_point_prints_the_version():
    done = visitplanner("--version")
    assert done.returncode == 0
    assert done.stdout.strip() == f"Visit Planner {__version__}"


def test_the_entry_point_refuses_without_a_traceback(tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("pas un catalogue\n", encoding="utf-8")
    done = visitplanner("--db", notes, "list", "events")
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr == f"{notes} is not a Visit Planner catalogue.\n"


def test_the_entry_point_creates_and_lists_an_event(tmp_path):
    db = tmp_path / "catalogue.sqlite"
    added = visitplanner(
        "--db", db, "event", "add", "--kind", "visit", "--title", "Visite d'été",
        "--start", "2027-07-01T09:00", "--end", "2027-07-01T12:00",
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    listed = visitplanner("--db", db, "list", "events", "--json")
    assert listed.returncode == 0, listed.stderr
    [event] = json.loads(listed.stdout)
    assert event["start"] == "2027-07-01T09:00:00+02:00"


def test_the_entry_point_exits_2_on_wrong_usage():
    done = visitplanner("frobnicate")
    assert done.returncode == 2
    assert "usage: visitplanner" in done.stderr
    assert "Traceback" not in done.stderr
