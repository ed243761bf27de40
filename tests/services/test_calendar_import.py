"""Importing a partner's calendar: statuses, kinds, all-day events, what is left out, size, undo.

Each test names the defect it reproduces; before the fix, CONFIRMED came back
as planned, every event became a joint seminar, a flagged all-day event kept its
00:00 start, alarms and attachments vanished without a word, files over 5,000
events were refused, and an import could not be undone as one step.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from visitplanner.cli.main import main
from visitplanner.domain.errors import UserError
from visitplanner.services.calendars.files import import_calendar
from visitplanner.services.calendars.importing import kind_of, preview_calendar, status_of
from visitplanner.services.events import planning
from visitplanner.services.recovery.history import History


def ics(path: Path, *events: str, head: str = "") -> Path:
    body = "".join(f"BEGIN:VEVENT\n{e.strip()}\nEND:VEVENT\n" for e in events)
    text = f"BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//Partenaire//FR\n{head}{body}END:VCALENDAR\n"
    path.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    return path


def event(uid: str, summary: str, *extra: str, start: str = "20260316T093000") -> str:
    lines = [
        f"UID:{uid}",
        f"SUMMARY:{summary}",
        f"DTSTART;TZID=Europe/Paris:{start}",
        f"DTEND;TZID=Europe/Paris:{start[:9]}120000",
        *extra,
    ]
    return "\n".join(lines)


def by_uid(catalogue) -> dict[str, planning.EventView]:
    return {e.uid: e for e in planning.list_events(catalogue)}


def test_status_is_kept_as_the_catalogue_understands_it(catalogue, tmp_path):
    path = ics(
        tmp_path / "p.ics",
        event("c", "Confirmé", "STATUS:CONFIRMED"),
        event("t", "Provisoire", "STATUS:TENTATIVE"),
        event("x", "Annulé", "STATUS:CANCELLED"),
        event("n", "Sans statut"),
    )
    import_calendar(catalogue, path)
    events = by_uid(catalogue)
    assert {uid: e.status for uid, e in events.items()} == {
        "c": "confirmed",
        "t": "planned",
        "x": "cancelled",
        "n": "confirmed",  # the reader's contract: no STATUS means it takes place
    }
    assert status_of("NEEDS-ACTION") == "planned"


def test_a_newer_version_brings_its_new_status(catalogue, tmp_path):
    import_calendar(catalogue, ics(tmp_path / "a.ics", event("s", "Séminaire", "STATUS:TENTATIVE")))
    newer = ics(tmp_path / "b.ics", event("s", "Séminaire", "STATUS:CONFIRMED", "SEQUENCE:2"))
    result = import_calendar(catalogue, newer)
    assert (result.created, result.updated) == (0, 1)
    assert by_uid(catalogue)["s"].status == "confirmed"


def test_kinds_come_from_categories_else_a_meeting_said_in_the_report(catalogue, tmp_path):
    path = ics(
        tmp_path / "k.ics",
        event("v", "Visite", "CATEGORIES:Visite apprenante"),
        event("w", "Atelier", "CATEGORIES:Travail,ATELIER"),
        event("s", "Séminaire", "CATEGORIES:Seminar"),
        event("m", "Sans catégorie"),
        event("o", "Autre", "CATEGORIES:Anniversaire"),
    )
    result = import_calendar(catalogue, path)
    kinds = {uid: e.kind for uid, e in by_uid(catalogue).items()}
    assert kinds == {"v": "visit", "w": "workshop", "s": "seminar", "m": "meeting", "o": "meeting"}
    assert result.neutral_kind == 2
    assert any("2 events have no category" in line for line in result.lines())
    assert kind_of(["réunion"]) == "meeting"


def test_all_day_events_stay_all_day(catalogue, tmp_path):
    path = ics(
        tmp_path / "d.ics",
        "UID:d\nSUMMARY:Salon\nDTSTART;VALUE=DATE:20260703\nDTEND;VALUE=DATE:20260705",
        # Outlook's other way of writing an all-day event: midnight to midnight, flagged.
        "UID:o\nSUMMARY:Congés\nDTSTART;TZID=Europe/Paris:20260710T000000\n"
        "DTEND;TZID=Europe/Paris:20260711T000000\nX-MICROSOFT-CDO-ALLDAYEVENT:TRUE",
    )
    import_calendar(catalogue, path)
    events = by_uid(catalogue)
    assert events["d"].all_day and events["o"].all_day
    assert planning.last_day(events["d"]) == date(2026, 7, 4)
    assert planning.last_day(events["o"]) == date(2026, 7, 10)


def test_what_is_left_out_is_counted_in_the_report(catalogue, tmp_path):
    alarm = "BEGIN:VALARM\nACTION:DISPLAY\nDESCRIPTION:Rappel\nTRIGGER:-PT15M\nEND:VALARM"
    path = ics(
        tmp_path / "l.ics",
        event("a", "Avec rappels", alarm, alarm, "ATTACH:https://example.org/odj.pdf"),
        event("b", "Avec invités", "ATTENDEE;CN=Anne:mailto:anne@example.org"),
        event("a", "Le même UID"),
    )
    with path.open("ab") as fh:  # a to-do after the calendar's events
        fh.write(b"BEGIN:VCALENDAR\r\nBEGIN:VTODO\r\nUID:t\r\nEND:VTODO\r\nEND:VCALENDAR\r\n")
    result = import_calendar(catalogue, path)
    assert result.created == 2
    text = "\n".join(result.lines())
    assert "2 alarms (VALARM) are not imported" in text
    assert "1 attachment (ATTACH) is not imported" in text
    assert "1 event lists attendees" in text
    assert "1 to-do, journal entry or free/busy block is not imported" in text
    assert "1 event repeats a UID" in text


def test_more_than_five_thousand_events_are_imported(catalogue, tmp_path):
    events = [f"UID:e{i}\nSUMMARY:Réunion {i}\nDTSTART:20260316T093000Z" for i in range(5200)]
    result = import_calendar(catalogue, ics(tmp_path / "big.ics", *events))
    assert result.created == 5200
    assert len(planning.list_events(catalogue)) == 5200


def test_a_bad_event_after_written_batches_leaves_nothing_and_is_named(catalogue, tmp_path):
    events = [f"UID:e{i}\nSUMMARY:Réunion {i}\nDTSTART:20260316T093000Z" for i in range(1500)]
    events.append("UID:bad-1\nSUMMARY:À rebours\nDTSTART:20260316T093000Z\nDTEND:20260315T093000Z")
    path = ics(tmp_path / "late.ics", *events)
    with pytest.raises(UserError) as refused:
        import_calendar(catalogue, path)
    message = str(refused.value)
    assert "late.ics, line 7504" in message and "ends before" in message
    assert "bad-1" in message and "À rebours" in message
    assert planning.list_events(catalogue) == []


def test_preview_lists_what_would_happen_and_writes_nothing(catalogue, tmp_path):
    import_calendar(catalogue, ics(tmp_path / "a.ics", event("old", "Déjà là")))
    path = ics(
        tmp_path / "b.ics",
        event("old", "Déjà là"),
        event("new", "Nouveau", "CATEGORIES:Atelier"),
        "UID:day\nSUMMARY:Journée\nDTSTART;VALUE=DATE:20260401",
    )
    preview = preview_calendar(catalogue, path)
    assert [(r.action, r.uid, r.kind) for r in preview.rows] == [
        ("skip", "old", "meeting"),
        ("create", "new", "workshop"),
        ("create", "day", "meeting"),
    ]
    assert "not newer" in preview.rows[0].reason and preview.rows[2].all_day
    assert preview.rows[1].start == datetime(2026, 3, 16, 9, 30, tzinfo=ZoneInfo("Europe/Paris"))
    assert set(by_uid(catalogue)) == {"old"}


def test_an_import_is_undone_and_redone_as_one_step(catalogue, tmp_path):
    import_calendar(catalogue, ics(tmp_path / "a.ics", event("u", "Avant", "SEQUENCE:1")))
    path = ics(
        tmp_path / "b.ics",
        event("u", "Après", "SEQUENCE:2", "STATUS:CANCELLED"),
        *(event(f"n{i}", f"Nouveau {i}") for i in range(3)),
    )
    history = History(catalogue)
    result = import_calendar(catalogue, path)
    assert result.step is not None
    history.record(result.step)
    assert history.undo_label == "import calendar “b.ics”"
    assert len(by_uid(catalogue)) == 4
    history.undo()
    events = by_uid(catalogue)
    assert set(events) == {"u"}
    assert (events["u"].title, events["u"].status, events["u"].sequence) == (
        "Avant",
        "confirmed",
        1,
    )
    history.redo()
    events = by_uid(catalogue)
    assert len(events) == 4 and events["u"].title == "Après" and events["u"].status == "cancelled"


def test_the_command_line_prints_the_report(db_path, tmp_path, capsys):
    alarm = "BEGIN:VALARM\nACTION:DISPLAY\nDESCRIPTION:R\nTRIGGER:-PT15M\nEND:VALARM"
    path = ics(tmp_path / "p.ics", event("a", "Réunion", alarm))
    assert main(["--db", str(db_path), "--lang", "en", "import", "calendar", str(path)]) == 0
    out = capsys.readouterr().out
    assert "p.ics: 1 events created, 0 updated, 0 unchanged." in out
    assert "1 alarm (VALARM) is not imported" in out
    assert "it is imported as “Task force meeting”" in out
