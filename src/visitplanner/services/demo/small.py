"""Builds the small demo's records from its tables, through the ORM.

A few hundred objects are cheap to build as ORM instances, and doing so lets
relationships resolve the ids: the tables in :mod:`.small_data` and
:mod:`.small_events` name records by key, the builders look the keys up in the
records already built. Text written in the tables with plain spaces gets its
French typography here, so the tables stay easy to type.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy.orm import Session

from visitplanner.domain.enums import ActorType, Challenge, Service
from visitplanner.domain.text import fold
from visitplanner.domain.validation import email_key
from visitplanner.services import search_keys as keys
from visitplanner.services.demo.shared import (
    Ticker,
    demo_email,
    event_uid,
    phone_number,
    story_uuid,
)
from visitplanner.services.demo.small_data import (
    DYNAMICS,
    HOSTS,
    PEOPLE,
    DynamicSpec,
    HostSpec,
    PersonSpec,
)
from visitplanner.services.demo.small_events import (
    DEBRIEFS,
    EVENTS,
    STORY,
    DebriefSpec,
    EventSpec,
    StorySpec,
    paris_time,
)
from visitplanner.store.models import (
    Attendance,
    Consent,
    Debrief,
    Dynamic,
    DynamicService,
    DynamicTag,
    Event,
    EventDynamic,
    FollowUpAction,
    Host,
    Participation,
    Person,
    ProgrammeItem,
    Quote,
    StoryEntry,
    Takeaway,
)

# Progress units of the small demo: one per headline record.
TOTAL = len(DYNAMICS) + len(HOSTS) + len(PEOPLE) + len(EVENTS) + len(DEBRIEFS) + len(STORY)


def load(session: Session, origin: str | None, ticker: Ticker) -> None:
    """Adds the small demo to ``session``, parents before the records that name them."""
    dynamics = {spec.key: _build_dynamic(spec) for spec in DYNAMICS}
    session.add_all(dynamics.values())
    ticker.advance(len(dynamics))
    people = {spec.key: _build_person(i, spec, dynamics) for i, spec in enumerate(PEOPLE)}
    session.add_all(people.values())
    ticker.advance(len(people))
    hosts = {spec.key: _build_host(spec, people, dynamics) for spec in HOSTS}
    session.add_all(hosts.values())
    ticker.advance(len(hosts))
    events = {spec.title: _build_event(spec, people, hosts, dynamics) for spec in EVENTS}
    session.add_all(events.values())
    ticker.advance(len(events))
    debriefs = {spec.event: _build_debrief(spec, events[spec.event], people) for spec in DEBRIEFS}
    session.add_all(debriefs.values())
    ticker.advance(len(debriefs))
    session.flush()  # log entries refer to events and debriefs by id
    session.add_all(
        _build_story_entry(spec, origin, people, events, debriefs, dynamics) for spec in STORY
    )
    session.flush()
    ticker.finish()


def _typo(text: str) -> str:
    """French typography: no-break spaces before ``: ; ! ?`` and inside « ».

    U+00A0 rather than the thin U+202F, which the PDFs' standard fonts lack.
    """
    for before, after in (
        (" :", "\u00a0:"),
        (" ;", "\u00a0;"),
        (" !", "\u00a0!"),
        (" ?", "\u00a0?"),
        ("« ", "«\u00a0"),
        (" »", "\u00a0»"),
    ):
        text = text.replace(before, after)
    return text


def _typo_opt(text: str | None) -> str | None:
    return _typo(text) if text else None


def _build_dynamic(spec: DynamicSpec) -> Dynamic:
    tags = sorted(set(spec.tags), key=fold)
    return Dynamic(
        name=spec.name,
        kind=spec.kind,
        region=spec.region,
        territory=spec.territory,
        description=_typo_opt(spec.description),
        tags=[DynamicTag(tag=t) for t in tags],
        services=[DynamicService(service=Service(s).value) for s in sorted(spec.services)],
        search_key=keys.dynamic_key(spec.name, spec.region, spec.territory, tags),
    )


def _build_person(index: int, spec: PersonSpec, dynamics: dict[str, Dynamic]) -> Person:
    email = demo_email(spec.given, spec.family)
    return Person(
        given_name=spec.given,
        family_name=spec.family,
        email=email,
        email_key=email_key(email),
        phone=spec.phone or phone_number(index),
        organisation=spec.organisation,
        actor_type=ActorType(spec.actor_type).value,
        function=spec.function,
        preferred_language=spec.language,
        consents=[
            Consent(
                purpose=purpose, scope="partners", given_on=date(2026, 1, 5) + timedelta(index * 3)
            )
            for letter, purpose in (("P", "photos"), ("Q", "quotes"))
            if letter in spec.consent
        ],
        dynamics=[dynamics[k] for k in spec.dynamics.split()],
        search_key=keys.person_search_key(spec.given, spec.family, email, spec.organisation),
        sort_key=keys.person_sort_key(spec.given, spec.family),
    )


def _build_host(spec: HostSpec, people: dict[str, Person], dynamics: dict[str, Dynamic]) -> Host:
    return Host(
        name=spec.name,
        actor_type=ActorType(spec.actor_type).value,
        address_line1=spec.address_line1,
        address_line2=spec.address_line2,
        postal_code=spec.postal_code,
        city=spec.city,
        country="FR",
        capacity=spec.capacity,
        accessibility=_typo_opt(spec.accessibility),
        notes=_typo_opt(spec.notes),
        contact_person=people[spec.contact],
        dynamics=[dynamics[k] for k in spec.dynamics.split()],
        search_key=keys.host_key(spec.name, spec.city, spec.postal_code),
    )


def _half_days(start: datetime, end: datetime) -> list[tuple[date, str]]:
    """The half-days an event covers, as on its sign-in sheet."""
    first, last = start.date(), end.date()
    found = []
    day = first
    while day <= last:
        if not (day == first and start.hour >= 13):
            found.append((day, "am"))
        if not (day == last and end.hour < 14):
            found.append((day, "pm"))
        day += timedelta(days=1)
    return found


def _build_event(
    spec: EventSpec,
    people: dict[str, Person],
    hosts: dict[str, Host],
    dynamics: dict[str, Dynamic],
) -> Event:
    event = Event(
        uid=event_uid(spec.title),
        sequence=spec.sequence,
        kind=spec.kind,
        title=spec.title,
        visit_question=_typo_opt(spec.visit_question),
        objectives=_typo_opt(spec.objectives),
        starts_at=spec.start,
        ends_at=spec.end,
        timezone="Europe/Paris",
        all_day=False,
        host=hosts[spec.host] if spec.host else None,
        location=spec.location,
        online_url=spec.online_url,
        capacity=spec.capacity,
        fee_cents=spec.fee_cents,
        status=spec.status,
        organiser=people[spec.organiser],
    )
    event.search_key = keys.event_key(event.title, event.location, event.visit_question)
    event.dynamic_links = [
        EventDynamic(dynamic=dynamics[k], side=side)
        for side, keys in (("visiting", spec.visiting), ("visited", spec.visited))
        for k in keys.split()
    ]
    event.programme = [
        ProgrammeItem(
            position=position,
            starts_at=paris_time(item.day, item.start),
            ends_at=paris_time(item.day, item.end),
            title=_typo(item.title),
            speaker=item.speaker,
        )
        for position, item in enumerate(spec.programme)
    ]
    event.participations = _build_participations(spec, people)
    return event


def _build_participations(spec: EventSpec, people: dict[str, Person]) -> list[Participation]:
    """The list with its answers, waiting list in order, and attendance for past events."""
    half_days = _half_days(spec.start, spec.end) if spec.status == "done" else []
    missed = {(key, date.fromisoformat(day), half) for key, day, half in spec.absences}
    waitlist = 0
    found = []
    for index, (key, role, status) in enumerate(spec.participants):
        position = None
        if status == "waitlisted":
            waitlist += 1
            position = waitlist
        invited_at = spec.invited_on
        responded_at = None
        if invited_at is not None and status != "invited":
            responded_at = invited_at + timedelta(days=1 + index % 3, hours=index % 7)
        participation = Participation(
            person=people[key],
            role=role,
            status=status,
            waitlist_position=position,
            to_notify=False,
            invited_at=invited_at,
            responded_at=responded_at,
            reply_sequence=spec.sequence if responded_at else None,
        )
        if status == "accepted":
            participation.attendance = [
                Attendance(day=day, half_day=half, present=(key, day, half) not in missed)
                for day, half in half_days
            ]
        found.append(participation)
    return found


def _build_debrief(spec: DebriefSpec, event: Event, people: dict[str, Person]) -> Debrief:
    for key, _text in spec.quotes:
        agreed = {c.purpose for c in people[key].consents}
        if "quotes" not in agreed:  # pragma: no cover - guards the data above
            raise ValueError(f"{key} has not agreed to be quoted")
    return Debrief(
        event=event,
        status="final",
        context=_typo_opt(spec.context),
        what_we_saw=_typo_opt(spec.what_we_saw),
        ideas_to_transpose=_typo_opt(spec.ideas),
        finalised_at=spec.finalised,
        authors=[people[k] for k in spec.authors],
        takeaways=[
            Takeaway(position=i, text=_typo(t), challenge=Challenge(c).value)
            for i, (t, c) in enumerate(spec.takeaways)
        ],
        quotes=[
            Quote(position=i, text=_typo(t), person=people[k])
            for i, (k, t) in enumerate(spec.quotes)
        ],
        actions=[
            FollowUpAction(position=i, text=_typo(t), owner=people[k], due_date=due, done=done)
            for i, (t, k, due, done) in enumerate(spec.actions)
        ],
    )


def _build_story_entry(
    spec: StorySpec,
    origin: str | None,
    people: dict[str, Person],
    events: dict[str, Event],
    debriefs: dict[str, Debrief],
    dynamics: dict[str, Dynamic],
) -> StoryEntry:
    event = events.get(spec.event) if spec.event else None
    debrief = debriefs.get(spec.event) if spec.event else None
    text = _typo(spec.text)
    return StoryEntry(
        uuid=story_uuid(f"{spec.day.isoformat()} {spec.title}"),
        revision=1,
        entry_date=spec.day,
        title=spec.title,
        text=text,
        kind=spec.kind,
        author=people[spec.author].full_name,
        event_id=event.id if event else None,
        debrief_id=debrief.id if debrief else None,
        origin=origin,
        search_key=keys.story_key(spec.title, text),
        dynamics=[dynamics[k] for k in spec.dynamics.split()],
        dynamic_names="\n".join(sorted(dynamics[k].name for k in spec.dynamics.split())),
        event_uid=event.uid if event else None,
        # Written that evening: the entry's history shows a plausible moment.
        saved_at=datetime.combine(spec.day, time(17, 30), tzinfo=UTC),
    )
