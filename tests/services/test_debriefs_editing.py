"""The debrief editor's use cases: open, autosave sections, lists, status, consent."""

from datetime import date, datetime

import pytest

from visitplanner.domain.errors import NotFoundError, ValidationError
from visitplanner.i18n import set_language
from visitplanner.services.directory import records as cat
from visitplanner.services.documents import debriefs
from visitplanner.services.documents.debriefs import ActionInput, QuoteInput, TakeawayInput
from visitplanner.services.events import planning
from visitplanner.services.recovery import trash


@pytest.fixture(autouse=True)
def _data_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("VISITPLANNER_DATA", str(tmp_path / "attachments"))


def new_event(catalogue, title="Visite de la ressourcerie", question=None):
    data = planning.EventInput(
        kind="visit",
        title=title,
        start="2027-06-10T09:30",
        end="2027-06-10T17:00",
        visit_question=question,
    )
    return planning.save_event(catalogue, None, data).created_id("event")


def new_person(catalogue, family_name, given_name=None, consent_quotes=False):
    data = cat.PersonInput(
        family_name=family_name, given_name=given_name, consent_quotes=consent_quotes
    )
    return cat.create_person(catalogue, data).created_id("person")


def test_open_creates_one_draft_and_is_idempotent(catalogue):
    event_id = new_event(catalogue, question="How do they pool workshops?")
    first = debriefs.open_debrief(catalogue, event_id)
    again = debriefs.open_debrief(catalogue, event_id)
    assert first.id == again.id
    assert first.event_id == event_id
    assert first.event_title == "Visite de la ressourcerie"
    assert first.visit_question == "How do they pool workshops?"
    assert first.event_start == datetime.fromisoformat("2027-06-10T09:30+02:00")
    assert first.event_start.tzinfo is not None
    assert first.status == "draft"
    assert first.finalised_at is None
    assert first.authors == first.takeaways == first.quotes == first.photos == ()
    assert first.actions == ()
    assert first.updated_at is not None
    assert len(debriefs.list_debriefs(catalogue)) == 1
    assert debriefs.get_debrief(catalogue, first.id) == again


def test_unknown_references_are_refused(catalogue):
    with pytest.raises(NotFoundError):
        debriefs.open_debrief(catalogue, 999)
    with pytest.raises(NotFoundError):
        debriefs.get_debrief(catalogue, 999)
    d = debriefs.open_debrief(catalogue, new_event(catalogue))
    with pytest.raises(NotFoundError):
        debriefs.set_authors(catalogue, d.id, [999])
    with pytest.raises(NotFoundError):
        debriefs.save_actions(catalogue, d.id, [ActionInput("Call", owner_id=999)])


def test_save_text_touches_only_its_section(catalogue):
    d = debriefs.open_debrief(catalogue, new_event(catalogue))
    debriefs.save_takeaways(catalogue, d.id, [TakeawayInput("Pool the vans", "business_model")])
    changes = debriefs.save_text(catalogue, d.id, "context", "  Why we went.\n\n- one\n- two ")
    assert changes.touches("debrief")
    debriefs.save_text(catalogue, d.id, "what_we_saw", "A repair café")
    view = debriefs.get_debrief(catalogue, d.id)
    assert view.context == "Why we went.\n\n- one\n- two"
    assert view.what_we_saw == "A repair café"
    assert view.ideas_to_transpose is None
    assert [t.text for t in view.takeaways] == ["Pool the vans"]
    debriefs.save_text(catalogue, d.id, "context", "")
    assert debriefs.get_debrief(catalogue, d.id).context is None
    with pytest.raises(ValueError):
        debriefs.save_text(catalogue, d.id, "status", "final")  # type: ignore[arg-type]


def test_takeaways_replace_in_order_drop_empty_and_parse_challenges(catalogue):
    d = debriefs.open_debrief(catalogue, new_event(catalogue))
    debriefs.save_takeaways(
        catalogue,
        d.id,
        [
            TakeawayInput("First", "Business model"),
            TakeawayInput("   "),
            TakeawayInput("Second", "inhabitant_involvement"),
            TakeawayInput("Third", None),
            TakeawayInput("Fourth", ""),
        ],
    )
    view = debriefs.get_debrief(catalogue, d.id)
    assert [(t.text, t.challenge) for t in view.takeaways] == [
        ("First", "business_model"),
        ("Second", "inhabitant_involvement"),
        ("Third", None),
        ("Fourth", None),
    ]
    debriefs.save_takeaways(catalogue, d.id, [TakeawayInput("Only", "service_offer")])
    assert [t.text for t in debriefs.get_debrief(catalogue, d.id).takeaways] == ["Only"]
    with pytest.raises(ValidationError):
        debriefs.save_takeaways(catalogue, d.id, [TakeawayInput("Bad", "no such challenge")])
    # A refused save changes nothing.
    assert [t.text for t in debriefs.get_debrief(catalogue, d.id).takeaways] == ["Only"]


def test_authors_round_trip(catalogue):
    d = debriefs.open_debrief(catalogue, new_event(catalogue))
    ada = new_person(catalogue, "Lovelace", "Ada")
    bob = new_person(catalogue, "Martin", "Bob")
    debriefs.set_authors(catalogue, d.id, [bob, ada, bob])
    assert debriefs.get_debrief(catalogue, d.id).authors == (
        (ada, "Ada Lovelace"),
        (bob, "Bob Martin"),
    )
    debriefs.set_authors(catalogue, d.id, [])
    assert debriefs.get_debrief(catalogue, d.id).authors == ()


def test_quotes_and_consent_warnings(catalogue):
    d = debriefs.open_debrief(catalogue, new_event(catalogue))
    agreed = new_person(catalogue, "Durand", "Alice", consent_quotes=True)
    refused = new_person(catalogue, "Petit", "Jean")
    debriefs.save_quotes(
        catalogue,
        d.id,
        [
            QuoteInput("We started small.", agreed),
            QuoteInput(""),
            QuoteInput("Never alone.", refused),
            QuoteInput("Anonymous wisdom.", None),
        ],
    )
    view = debriefs.get_debrief(catalogue, d.id)
    assert [(q.text, q.person_id, q.person_name, q.consent) for q in view.quotes] == [
        ("We started small.", agreed, "Alice Durand", True),
        ("Never alone.", refused, "Jean Petit", False),
        ("Anonymous wisdom.", None, None, False),
    ]
    warnings = debriefs.consent_warnings(view)
    assert len(warnings) == 2
    assert "Jean Petit" in warnings[0] and "2" in warnings[0]
    assert "not attributed" in warnings[1]
    set_language("fr")
    try:
        french = debriefs.consent_warnings(view)
    finally:
        set_language("en")
    assert french != warnings and "Jean Petit" in french[0]


def test_actions_round_trip_and_list_across_debriefs(catalogue):
    first = debriefs.open_debrief(catalogue, new_event(catalogue, "Visit A"))
    second = debriefs.open_debrief(catalogue, new_event(catalogue, "Visit B"))
    owner = new_person(catalogue, "Durand", "Alice")
    debriefs.save_actions(
        catalogue,
        first.id,
        [
            ActionInput("Send the report", owner, date(2027, 7, 1)),
            ActionInput(" "),
            ActionInput("Book the room", None, None, True),
        ],
    )
    debriefs.save_actions(
        catalogue, second.id, [ActionInput("Call the mayor", None, date(2027, 6, 20))]
    )
    view = debriefs.get_debrief(catalogue, first.id)
    assert [(a.text, a.owner_id, a.owner_name, a.due_date, a.done) for a in view.actions] == [
        ("Send the report", owner, "Alice Durand", date(2027, 7, 1), False),
        ("Book the room", None, None, None, True),
    ]
    listed = debriefs.list_actions(catalogue)
    assert [a.text for a in listed] == ["Call the mayor", "Send the report", "Book the room"]
    assert listed[0].event_start == datetime.fromisoformat("2027-06-10T09:30+02:00")
    overdue = debriefs.list_actions(catalogue, overdue_on=date(2027, 6, 25))
    assert [a.text for a in overdue] == ["Call the mayor"]
    assert overdue[0].overdue(date(2027, 6, 25))
    assert [s.actions for s in debriefs.list_debriefs(catalogue)] == [2, 1]


def test_finalise_and_back_to_draft(catalogue):
    d = debriefs.open_debrief(catalogue, new_event(catalogue))
    assert debriefs.set_status(catalogue, d.id, "final").touches("debrief")
    final = debriefs.get_debrief(catalogue, d.id)
    assert final.status == "final" and final.finalised_at is not None
    assert not debriefs.set_status(catalogue, d.id, "Final")  # already final: nothing to do
    debriefs.set_status(catalogue, d.id, "draft")
    draft = debriefs.get_debrief(catalogue, d.id)
    assert draft.status == "draft" and draft.finalised_at is None
    with pytest.raises(ValidationError):
        debriefs.set_status(catalogue, d.id, "published")


def test_trashing_the_event_loses_nothing(catalogue):
    event_id = new_event(catalogue)
    d = debriefs.open_debrief(catalogue, event_id)
    debriefs.save_text(catalogue, d.id, "what_we_saw", "A repair café")
    debriefs.save_actions(catalogue, d.id, [ActionInput("Send thanks", None, date(2027, 1, 1))])
    planning.trash_event(catalogue, event_id)
    assert debriefs.list_debriefs(catalogue) == []
    assert debriefs.list_actions(catalogue) == []
    with pytest.raises(NotFoundError):
        debriefs.open_debrief(catalogue, event_id)
    # An editor still open on it keeps reading and saving.
    debriefs.save_text(catalogue, d.id, "context", "Written after the trash")
    kept = debriefs.get_debrief(catalogue, d.id)
    assert kept.what_we_saw == "A repair café" and kept.context == "Written after the trash"
    trash.restore(catalogue, "event", event_id)
    assert debriefs.open_debrief(catalogue, event_id).id == d.id
    assert [a.text for a in debriefs.list_actions(catalogue)] == ["Send thanks"]
