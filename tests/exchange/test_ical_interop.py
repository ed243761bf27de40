"""Our invitations as independent parsers read them (ICALENDAR.md assertions 3, 4, 13, 16, 17).

* ical.js, what Thunderbird and Nextcloud's web interface parse with, run by
  node from ``.cache/icaljs`` (``.ci/run`` installs it with npm; installed from
  here when missing, skipped only when npm cannot);
* vobject, what Radicale parses with;
* libical through Debian's ``gir1.2-ical-3.0`` with the system Python, whose
  ``restriction_check`` applies RFC 5546's per-method rules (``.ci/run``
  installs it; skipped where the machine lacks it);
* icalendar, for the record.

Each must put DTSTART at the instant zoneinfo gives, in summer, in winter and in
the weeks clocks change, for Europe/Paris and French overseas zones. Node runs
with TZ=Asia/Tokyo so that a zone a parser failed to read (floating time) shows.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject

from visitplanner.exchange.ical import CalEvent, CalPerson, build_feed, build_itip

ROOT = Path(__file__).resolve().parents[2]
ICALJS_HOME = ROOT / ".cache" / "icaljs"
ICALJS_SPEC = "ical.js@2"
SYSTEM_PYTHON = "/usr/bin/python3"

ZONES = ["Europe/Paris", "Europe/London", "America/Guadeloupe", "Indian/Reunion", "Pacific/Noumea"]
WALL_TIMES = [
    datetime(2026, 1, 15, 14, 0),  # winter
    datetime(2026, 7, 3, 9, 30),  # summer
    datetime(2026, 3, 27, 10, 0),  # the week clocks go forward: Friday before
    datetime(2026, 3, 29, 3, 30),  # Sunday, just after the change
    datetime(2026, 3, 30, 10, 0),  # Monday after
    datetime(2026, 10, 23, 10, 0),  # the week clocks go back: Friday before
    datetime(2026, 10, 25, 1, 30),  # Sunday, just before the change
    datetime(2026, 10, 26, 10, 0),  # Monday after
    datetime(2027, 7, 1, 9, 30),  # next summer: the RRULE, not a one-year list
]
TEXT = 'Visite « Tiers-lieu » : été, 🎉; C:\\dossier\\n "citation"\nligne 2, fin\\'
ORGANIZER = CalPerson("coordination@reseau-dynamiques.fr", "Dupont, Marie")
GUESTS = (
    CalPerson("elodie.martin@example.org", "Élodie Martin"),
    CalPerson("pm@exemple.fr", 'Paul "PM" Ménard; Lyon', role="OPT-PARTICIPANT"),
)
STAMP = datetime(2026, 5, 4, 8, 0, tzinfo=UTC)

ICALJS_SCRIPT = r"""
const loaded = require(process.argv[2]);
const ICAL = loaded.default || loaded;
const documents = JSON.parse(require("fs").readFileSync(0, "utf8"));
const time = (t) => t && ({
  unix: t.toUnixTime(), isDate: t.isDate, zone: t.zone ? t.zone.tzid : null,
});
const results = documents.map((text) => {
  const root = new ICAL.Component(ICAL.parse(text));
  for (const vtz of root.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(vtz);
  const events = root.getAllSubcomponents("vevent").map((vevent) => {
    const event = new ICAL.Event(vevent);
    return {
      uid: event.uid, sequence: event.sequence, summary: event.summary,
      location: event.location, description: event.description,
      start: time(event.startDate), end: time(event.endDate),
      organizer: vevent.getFirstPropertyValue("organizer"),
      attendees: event.attendees.map((a) => ({
        value: a.getFirstValue(), cn: a.getParameter("cn"), role: a.getParameter("role"),
        partstat: a.getParameter("partstat"), rsvp: a.getParameter("rsvp"),
        cutype: a.getParameter("cutype"),
      })),
    };
  });
  for (const vtz of root.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.remove(vtz.getFirstPropertyValue("tzid"));
  }
  return { method: root.getFirstPropertyValue("method"), events };
});
process.stdout.write(JSON.stringify(results));
"""

LIBICAL_SCRIPT = r"""
import json, sys
import gi
gi.require_version("ICalGLib", "3.0")
from gi.repository import ICalGLib as I

def errors_of(component, found):
    prop = component.get_first_property(I.PropertyKind.XLICERROR_PROPERTY)
    while prop is not None:
        found.append(prop.get_xlicerror())
        prop = component.get_next_property(I.PropertyKind.XLICERROR_PROPERTY)
    child = component.get_first_component(I.ComponentKind.ANY_COMPONENT)
    while child is not None:
        errors_of(child, found)
        child = component.get_next_component(I.ComponentKind.ANY_COMPONENT)
    return found

results = []
for text in json.load(sys.stdin):
    root = I.Component.new_from_string(text)
    ok = bool(I.restriction_check(root))
    events = []
    event = root.get_first_component(I.ComponentKind.VEVENT_COMPONENT)
    while event is not None:
        out = {"uid": event.get_uid()}
        for name, value in (("start", event.get_dtstart()), ("end", event.get_dtend())):
            zone = value.get_timezone()
            out[name] = value.as_timet_with_zone(zone) if zone is not None else value.as_timet()
            out[name + "_is_date"] = bool(value.is_date())
        events.append(out)
        event = root.get_next_component(I.ComponentKind.VEVENT_COMPONENT)
    results.append({"ok": ok, "errors": errors_of(root, []), "events": events})
print(json.dumps(results))
"""


# --- the parsers ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def icaljs(tmp_path_factory: pytest.TempPathFactory):
    """Runs ical.js on a list of documents; installs it with npm when missing."""
    module = ICALJS_HOME / "node_modules" / "ical.js"
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None:
        pytest.skip("node is not installed: the ical.js (Thunderbird) check cannot run")
    if not (module / "package.json").exists():
        if npm is None:
            pytest.skip("npm is not installed: ical.js (Thunderbird's parser) cannot be installed")
        ICALJS_HOME.mkdir(parents=True, exist_ok=True)
        (ICALJS_HOME.parent / ".gitignore").write_text("*\n", encoding="utf-8")
        done = subprocess.run(
            [npm, "install", "--no-audit", "--no-fund", "--prefix", str(ICALJS_HOME), ICALJS_SPEC],
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        if done.returncode != 0 or not (module / "package.json").exists():
            pytest.skip(f"npm could not install {ICALJS_SPEC}: {done.stderr.strip()[-300:]}")
    script = tmp_path_factory.mktemp("icaljs") / "read.cjs"
    script.write_text(ICALJS_SCRIPT, encoding="utf-8")

    def run(documents: list[bytes]) -> list[dict]:
        done = subprocess.run(
            [node, str(script), str(module)],
            input=json.dumps([d.decode("utf-8") for d in documents]),
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ, "TZ": "Asia/Tokyo"},
            check=True,
        )
        return json.loads(done.stdout)

    return run


@pytest.fixture(scope="module")
def libical(tmp_path_factory: pytest.TempPathFactory):
    """Runs libical (system Python + GObject introspection) on a list of documents."""
    probe = "import gi; gi.require_version('ICalGLib', '3.0'); from gi.repository import ICalGLib"
    if not Path(SYSTEM_PYTHON).exists():
        pytest.skip("no system Python: libical's check needs Debian's python3-gi")
    found = subprocess.run([SYSTEM_PYTHON, "-c", probe], capture_output=True, check=False)
    if found.returncode != 0:
        pytest.skip("libical is not installed (Debian gir1.2-ical-3.0 python3-gi; .ci/run does)")
    script = tmp_path_factory.mktemp("libical") / "read.py"
    script.write_text(LIBICAL_SCRIPT, encoding="utf-8")

    def run(documents: list[bytes]) -> list[dict]:
        done = subprocess.run(
            [SYSTEM_PYTHON, str(script)],
            input=json.dumps([d.decode("utf-8") for d in documents]),
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ, "TZ": "Asia/Tokyo"},
            check=True,
        )
        return json.loads(done.stdout)

    return run


def read_vobject(document: bytes) -> list:
    """vobject's VEVENTs; its TZID registry is process-wide, so it is emptied first."""
    vars(vobject.icalendar)["__tzidMap"].clear()
    return list(vobject.readOne(document.decode("utf-8")).vevent_list)


# --- the documents -------------------------------------------------------------------------------


def timed_event(uid: str, zone: str, wall: datetime, **changes: object) -> CalEvent:
    start = wall.replace(tzinfo=ZoneInfo(zone))
    values: dict[str, object] = {
        "uid": uid,
        "sequence": 1,
        "summary": TEXT,
        "start": start,
        "end": start + timedelta(hours=2),
        "timezone": zone,
        "location": TEXT + " (lieu)",
        "description": TEXT * 3,
        "organizer": ORGANIZER,
        "attendees": GUESTS,
        "categories": ("Séminaire commun",),  # the kind, as the feed and invitations write it
    }
    values.update(changes)
    return CalEvent(**values)  # type: ignore[arg-type]


def expected_instants(zone: str) -> dict[str, int]:
    return {
        f"{zone}#{i}": int(wall.replace(tzinfo=ZoneInfo(zone)).timestamp())
        for i, wall in enumerate(WALL_TIMES)
    }


def documents() -> dict[str, bytes]:
    """One feed per zone with every wall time, and a REQUEST and a CANCEL for each zone."""
    found: dict[str, bytes] = {}
    for zone in ZONES:
        events = [timed_event(f"{zone}#{i}", zone, wall) for i, wall in enumerate(WALL_TIMES)]
        found[f"feed {zone}"] = build_feed(events)
        found[f"request {zone}"] = build_itip(events[1], "REQUEST", dtstamp=STAMP)
        found[f"cancel {zone}"] = build_itip(events[0], "CANCEL", dtstamp=STAMP)
    all_day = timed_event("allday", "Europe/Paris", WALL_TIMES[0])
    all_day = CalEvent(**{**all_day.__dict__, "start": date(2026, 7, 3), "end": date(2026, 7, 5)})
    found["all-day request"] = build_itip(all_day, "REQUEST", dtstamp=STAMP)
    found["all-day feed"] = build_feed([all_day])
    delegated = timed_event(
        "delegated",
        "Europe/Paris",
        WALL_TIMES[1],
        attendees=(
            CalPerson(
                "bruno@example.org",
                "Bruno Durand",
                partstat="DELEGATED",
                rsvp=False,
                delegated_to="claire.petit@example.org",
            ),
            CalPerson(
                "claire.petit@example.org",
                "Claire Petit",
                partstat="ACCEPTED",
                delegated_from="bruno@example.org",
            ),
        ),
    )
    found["delegated request"] = build_itip(delegated, "REQUEST", dtstamp=STAMP)
    for zone in NIGHT_ZONES:
        nights = night_events(zone)
        found[f"nights feed {zone}"] = build_feed(nights)
        for event in nights:
            found[f"nights request {event.uid}"] = build_itip(event, "REQUEST", dtstamp=STAMP)
    return found


# The nights clocks change (Europe: last Sundays of March and October 2027) and the days
# around them: events across the night, in the hour that happens twice, and all-day events
# on those days (23 and 25 hours long, yet one calendar day each).
NIGHT_ZONES = ["Europe/Paris", "Europe/London"]


def night_timed(zone: str) -> dict[str, tuple[datetime, int, datetime]]:
    """uid suffix: (start wall time, fold, end wall time); the repeated hour is 02:xx in
    Paris (03:00 back to 02:00) and 01:xx in London (02:00 back to 01:00)."""
    twice = 2 if zone == "Europe/Paris" else 1
    return {
        "spring-overnight": (datetime(2027, 3, 27, 22, 0), 0, datetime(2027, 3, 28, 6, 0)),
        "spring-after-gap": (datetime(2027, 3, 28, 3, 0), 0, datetime(2027, 3, 28, 4, 30)),
        "autumn-overnight": (datetime(2027, 10, 30, 22, 0), 0, datetime(2027, 10, 31, 6, 0)),
        "autumn-twice-first": (datetime(2027, 10, 31, twice, 30), 0, datetime(2027, 10, 31, 4)),
        "autumn-twice-second": (datetime(2027, 10, 31, twice, 30), 1, datetime(2027, 10, 31, 4)),
    }


NIGHT_DAYS = {  # uid suffix: (first day, day after the last)
    "spring-day": (date(2027, 3, 28), date(2027, 3, 29)),
    "autumn-day": (date(2027, 10, 31), date(2027, 11, 1)),
    "spring-weekend": (date(2027, 3, 27), date(2027, 3, 30)),
}


def night_events(zone: str) -> list[CalEvent]:
    found = []
    for suffix, (start, fold, end) in night_timed(zone).items():
        begin = start.replace(tzinfo=ZoneInfo(zone), fold=fold)
        found.append(
            timed_event(
                f"{zone}#{suffix}", zone, start, start=begin, end=end.replace(tzinfo=ZoneInfo(zone))
            )
        )
    for suffix, (first, after) in NIGHT_DAYS.items():
        found.append(
            timed_event(f"{zone}#{suffix}", zone, datetime(2027, 1, 1), start=first, end=after)
        )
    return found


def night_instants(zone: str) -> dict[str, tuple[int, int]]:
    """uid: (start, end) as zoneinfo counts them, in seconds since the epoch."""
    found = {}
    for suffix, (start, fold, end) in night_timed(zone).items():
        begin = start.replace(tzinfo=ZoneInfo(zone), fold=fold)
        found[f"{zone}#{suffix}"] = (
            int(begin.timestamp()),
            int(end.replace(tzinfo=ZoneInfo(zone)).timestamp()),
        )
    return found


DOCUMENTS = documents()


def starts(results: dict[str, list[dict]], key: str) -> dict[str, int]:
    return {event["uid"]: event["start"] for event in results[key]}


# --- assertion 16: the same instant everywhere ---------------------------------------------------


@pytest.fixture(scope="module")
def icaljs_results(icaljs) -> dict[str, dict]:
    names = list(DOCUMENTS)
    return dict(zip(names, icaljs([DOCUMENTS[n] for n in names]), strict=True))


@pytest.fixture(scope="module")
def libical_results(libical) -> dict[str, dict]:
    names = list(DOCUMENTS)
    return dict(zip(names, libical([DOCUMENTS[n] for n in names]), strict=True))


@pytest.mark.parametrize("zone", ZONES)
def test_assertion_16_icaljs_puts_dtstart_at_the_zoneinfo_instant(
    icaljs_results, zone: str
) -> None:
    feed = icaljs_results[f"feed {zone}"]["events"]
    assert {e["uid"]: e["start"]["unix"] for e in feed} == expected_instants(zone)
    for event, wall in zip(feed, WALL_TIMES, strict=True):
        twice = (
            wall.replace(tzinfo=ZoneInfo(zone), fold=1).utcoffset()
            != wall.replace(tzinfo=ZoneInfo(zone)).utcoffset()
        )  # London's 01:30 on 25 October happens twice: written in UTC
        assert event["start"]["zone"] == ("UTC" if twice else zone)
    request = icaljs_results[f"request {zone}"]["events"][0]
    assert request["start"]["unix"] == expected_instants(zone)[f"{zone}#1"]
    assert request["end"]["unix"] - request["start"]["unix"] == 7200


@pytest.mark.parametrize("zone", ZONES)
def test_assertion_16_vobject_puts_dtstart_at_the_zoneinfo_instant(zone: str) -> None:
    feed = read_vobject(DOCUMENTS[f"feed {zone}"])
    found = {e.uid.value: int(e.dtstart.value.timestamp()) for e in feed}
    assert found == expected_instants(zone)
    request = read_vobject(DOCUMENTS[f"request {zone}"])[0]
    assert int(request.dtstart.value.timestamp()) == expected_instants(zone)[f"{zone}#1"]


@pytest.mark.parametrize("zone", ZONES)
def test_assertion_16_libical_puts_dtstart_at_the_zoneinfo_instant(
    libical_results, zone: str
) -> None:
    feed = libical_results[f"feed {zone}"]["events"]
    assert {e["uid"]: e["start"] for e in feed} == expected_instants(zone)
    request = libical_results[f"request {zone}"]["events"][0]
    assert request["start"] == expected_instants(zone)[f"{zone}#1"]


@pytest.mark.parametrize("zone", ZONES)
def test_assertion_16_icalendar_puts_dtstart_at_the_zoneinfo_instant(zone: str) -> None:
    calendar = icalendar.Calendar.from_ical(DOCUMENTS[f"feed {zone}"])
    found = {str(e["UID"]): int(e["DTSTART"].dt.timestamp()) for e in calendar.walk("VEVENT")}
    assert found == expected_instants(zone)


def test_the_check_notices_a_wrong_vtimezone(icaljs) -> None:
    """Negative control: one wrong summer offset must make the parsers disagree with zoneinfo."""
    wrong = DOCUMENTS["feed Europe/Paris"].replace(b"TZOFFSETTO:+0200", b"TZOFFSETTO:+0300")
    expected = expected_instants("Europe/Paris")
    assert {e["uid"]: e["start"]["unix"] for e in icaljs([wrong])[0]["events"]} != expected
    found = {e.uid.value: int(e.dtstart.value.timestamp()) for e in read_vobject(wrong)}
    assert found != expected


def test_icalendars_own_vtimezone_is_read_an_hour_off_which_is_why_we_write_ours(icaljs) -> None:
    """ICALENDAR.md assertion 15: the RDATE-list zone of add_missing_timezones, read by others."""
    calendar = icalendar.Calendar.new(prodid="-//test//test//EN")
    del calendar["UID"]
    start = datetime(2026, 7, 3, 9, 30, tzinfo=ZoneInfo("Europe/Paris"))
    calendar.add_component(
        icalendar.Event.new(uid="u", start=start, end=start + timedelta(hours=1))
    )
    calendar.add_missing_timezones()
    data = calendar.to_ical()
    if b"RDATE" not in data:
        pytest.skip("this icalendar writes RRULE-based zones now")
    misread = icaljs([data])[0]["events"][0]["start"]["unix"] != int(start.timestamp())
    misread |= int(read_vobject(data)[0].dtstart.value.timestamp()) != int(start.timestamp())
    if not misread:
        pytest.skip("ical.js and vobject now read icalendar's RDATE zones correctly")
    ours = DOCUMENTS["request Europe/Paris"]
    assert b"RDATE" not in ours


# --- assertion 17: all-day events ----------------------------------------------------------------


def test_assertion_17_all_day_events_are_dates_in_every_parser(icaljs_results) -> None:
    for key in ("all-day request", "all-day feed"):
        event = icaljs_results[key]["events"][0]
        assert event["start"]["isDate"] and event["end"]["isDate"]
        assert event["end"]["unix"] - event["start"]["unix"] == 2 * 86400
        vevent = read_vobject(DOCUMENTS[key])[0]
        assert vevent.dtstart.value == date(2026, 7, 3) and vevent.dtend.value == date(2026, 7, 5)
        assert not isinstance(vevent.dtstart.value, datetime)


def test_assertion_17_all_day_events_are_dates_in_libical(libical_results) -> None:
    for key in ("all-day request", "all-day feed"):
        event = libical_results[key]["events"][0]
        assert event["start_is_date"] and event["end_is_date"]


# --- assertions 3, 4, 12, 13: text and people as others read them --------------------------------


def test_assertion_03_text_round_trips_in_icaljs_and_vobject(icaljs_results) -> None:
    for key in ("request Europe/Paris", "feed Pacific/Noumea"):
        event = icaljs_results[key]["events"][0]
        assert (event["summary"], event["location"], event["description"]) == (
            TEXT,
            TEXT + " (lieu)",
            TEXT * 3,
        )
        vevent = read_vobject(DOCUMENTS[key])[0]
        assert vevent.summary.value == TEXT
        assert vevent.location.value == TEXT + " (lieu)"
        assert vevent.description.value == TEXT * 3


def test_assertions_04_12_13_people_as_icaljs_reads_them(icaljs_results) -> None:
    request = icaljs_results["request Europe/Paris"]
    assert request["method"] == "REQUEST"
    event = request["events"][0]
    assert event["organizer"] == "mailto:coordination@reseau-dynamiques.fr"
    chair, elodie, paul = event["attendees"]
    assert (chair["cn"], chair["role"], chair["partstat"], chair["rsvp"]) == (
        "Dupont, Marie",
        "CHAIR",
        "ACCEPTED",
        "FALSE",
    )
    assert (elodie["value"], elodie["cn"], elodie["rsvp"], elodie["cutype"]) == (
        "mailto:elodie.martin@example.org",
        "Élodie Martin",
        "TRUE",
        "INDIVIDUAL",
    )
    assert paul["cn"] == "Paul 'PM' Ménard; Lyon" and paul["role"] == "OPT-PARTICIPANT"
    assert icaljs_results["feed Europe/Paris"]["method"] is None
    assert icaljs_results["feed Europe/Paris"]["events"][0]["attendees"] == []


def test_assertion_04_vobject_reads_quoted_names() -> None:
    vevent = read_vobject(DOCUMENTS["request Europe/Paris"])[0]
    names = [a.params["CN"][0] for a in vevent.attendee_list]
    assert names == ["Dupont, Marie", "Élodie Martin", "Paul 'PM' Ménard; Lyon"]


# --- RFC 5546 per-method rules (assertions 7 and 10), by libical ---------------------------------


def test_assertions_07_10_libical_itip_restrictions_pass(libical_results) -> None:
    for key, result in libical_results.items():
        if key.startswith(("request", "cancel", "all-day request")):
            assert result["ok"], (key, result["errors"])
            assert result["errors"] == [], key


def test_libical_check_is_not_a_rubber_stamp(libical) -> None:
    """Negative control: a REPLY carrying three attendees breaks RFC 5546 and libical says so."""
    broken = DOCUMENTS["request Europe/Paris"].replace(b"METHOD:REQUEST", b"METHOD:REPLY")
    result = libical([broken])[0]
    assert not result["ok"] and result["errors"]


# --- the nights clocks change: timed and all-day events in every parser -----------------------


def test_night_instants_are_what_they_should_be() -> None:
    """The expectations themselves: 7 hours across the spring night, 9 across the autumn one."""
    paris = night_instants("Europe/Paris")
    assert (
        paris["Europe/Paris#spring-overnight"][1] - paris["Europe/Paris#spring-overnight"][0]
        == 7 * 3600
    )
    assert (
        paris["Europe/Paris#autumn-overnight"][1] - paris["Europe/Paris#autumn-overnight"][0]
        == 9 * 3600
    )
    first, second = (
        paris["Europe/Paris#autumn-twice-first"][0],
        paris["Europe/Paris#autumn-twice-second"][0],
    )
    assert second - first == 3600


def _night_days(zone: str) -> dict[str, tuple[date, date]]:
    return {f"{zone}#{suffix}": span for suffix, span in NIGHT_DAYS.items()}


@pytest.mark.parametrize("zone", NIGHT_ZONES)
def test_clock_change_nights_in_icaljs(icaljs_results, zone: str) -> None:
    events = {e["uid"]: e for e in icaljs_results[f"nights feed {zone}"]["events"]}
    timed = {
        u: (e["start"]["unix"], e["end"]["unix"])
        for u, e in events.items()
        if u in night_instants(zone)
    }
    assert timed == night_instants(zone)
    for uid, (first, after) in _night_days(zone).items():
        event = events[uid]
        assert event["start"]["isDate"] and event["end"]["isDate"]
        assert event["end"]["unix"] - event["start"]["unix"] == (after - first).days * 86400
    for uid, (start, end) in night_instants(zone).items():
        request = icaljs_results[f"nights request {uid}"]["events"][0]
        assert (request["start"]["unix"], request["end"]["unix"]) == (start, end)


@pytest.mark.parametrize("zone", NIGHT_ZONES)
def test_clock_change_nights_in_vobject(zone: str) -> None:
    events = {e.uid.value: e for e in read_vobject(DOCUMENTS[f"nights feed {zone}"])}
    timed = {
        uid: (int(events[uid].dtstart.value.timestamp()), int(events[uid].dtend.value.timestamp()))
        for uid in night_instants(zone)
    }
    assert timed == night_instants(zone)
    for uid, (first, after) in _night_days(zone).items():
        assert (events[uid].dtstart.value, events[uid].dtend.value) == (first, after)
        assert not isinstance(events[uid].dtstart.value, datetime)


@pytest.mark.parametrize("zone", NIGHT_ZONES)
def test_clock_change_nights_in_libical(libical_results, zone: str) -> None:
    events = {e["uid"]: e for e in libical_results[f"nights feed {zone}"]["events"]}
    timed = {uid: (events[uid]["start"], events[uid]["end"]) for uid in night_instants(zone)}
    assert timed == night_instants(zone)
    for uid, (first, after) in _night_days(zone).items():
        event = events[uid]
        assert event["start_is_date"] and event["end_is_date"]
        assert event["end"] - event["start"] == (after - first).days * 86400
    for key, result in libical_results.items():
        if key.startswith(f"nights request {zone}"):
            assert result["ok"] and result["errors"] == [], (key, result["errors"])


@pytest.mark.parametrize("zone", NIGHT_ZONES)
def test_clock_change_nights_in_icalendar(zone: str) -> None:
    calendar = icalendar.Calendar.from_ical(DOCUMENTS[f"nights feed {zone}"])
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    timed = {
        uid: (int(events[uid]["DTSTART"].dt.timestamp()), int(events[uid]["DTEND"].dt.timestamp()))
        for uid in night_instants(zone)
    }
    assert timed == night_instants(zone)
    for uid, span in _night_days(zone).items():
        assert (events[uid]["DTSTART"].dt, events[uid]["DTEND"].dt) == span


def test_all_day_events_are_dates_in_icalendar() -> None:
    for key in ("all-day request", "all-day feed"):
        (event,) = icalendar.Calendar.from_ical(DOCUMENTS[key]).walk("VEVENT")
        assert (event["DTSTART"].dt, event["DTEND"].dt) == (date(2026, 7, 3), date(2026, 7, 5))
        assert not isinstance(event["DTSTART"].dt, datetime)


# --- the event's kind (CATEGORIES) ------------------------------------------------------------


def test_the_kind_in_categories_is_read_by_vobject_icalendar_and_passes_libical(
    libical_results,
) -> None:
    for key in ("feed Europe/Paris", "request Europe/Paris", "all-day feed"):
        assert libical_results[key]["ok"], (key, libical_results[key]["errors"])
        vevent = read_vobject(DOCUMENTS[key])[0]
        assert vevent.categories.value == ["Séminaire commun"]
        (event, *_rest) = icalendar.Calendar.from_ical(DOCUMENTS[key]).walk("VEVENT")
        assert [str(c) for c in event["CATEGORIES"].cats] == ["Séminaire commun"]


# --- delegation in the group's updates (RFC 5546 §4.2.5) ---------------------------------------


def test_a_request_after_a_delegation_names_both_sides(icaljs_results, libical_results) -> None:
    result = libical_results["delegated request"]
    assert result["ok"] and result["errors"] == []
    text = DOCUMENTS["delegated request"].decode().replace("\r\n ", "")
    assert 'PARTSTAT=DELEGATED;RSVP=FALSE;DELEGATED-TO="mailto:claire.petit@example.org"' in text
    assert 'DELEGATED-FROM="mailto:bruno@example.org"' in text
    attendees = icaljs_results["delegated request"]["events"][0]["attendees"]
    assert [(a["value"], a["partstat"]) for a in attendees[1:]] == [
        ("mailto:bruno@example.org", "DELEGATED"),
        ("mailto:claire.petit@example.org", "ACCEPTED"),
    ]
    vevent = read_vobject(DOCUMENTS["delegated request"])[0]
    delegator = vevent.attendee_list[1]
    assert delegator.params["DELEGATED-TO"] == ["mailto:claire.petit@example.org"]
