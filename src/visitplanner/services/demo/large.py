"""The large demo's rows: synthetic, deterministic, as plain dictionaries.

The same seed always gives the same rows, so benchmarks of lists, searches and
exports are comparable from one run to the next. Rows carry explicit ids 1..n so
that children refer to their parents without reading anything back, and
:mod:`.large_load` inserts them with SQLAlchemy Core.

Every value is drawn from one random generator, in the order the loader asks for
the rows: changing that order changes the whole catalogue.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

from visitplanner.domain.enums import Challenge, Service
from visitplanner.domain.text import fold
from visitplanner.domain.validation import email_key
from visitplanner.services import search_keys as keys
from visitplanner.services.demo.large_words import (
    DYNAMIC_PATTERNS,
    FAMILY_NAMES,
    FUNCTIONS,
    GIVEN_NAMES,
    HOST_FORMS,
    ORG_FORMS,
    STREETS,
    TAGS,
    THEMES,
    TOWNS,
)
from visitplanner.services.demo.shared import (
    TODAY,
    demo_email,
    event_uid,
    phone_number,
    story_uuid,
)

LARGE_SEED = 20261126
# How many rows of each kind; the tests patch them down to run the same code quickly.
LARGE_DYNAMICS = 200
LARGE_PEOPLE = 100_000
LARGE_HOSTS = 5_000
LARGE_EVENTS = 20_000
LARGE_PARTICIPATIONS = 200_000  # exactly 10 per event on average
LARGE_DEBRIEFS = 5_000
LARGE_LOG_ENTRIES = 3_000


def total() -> int:
    """Progress units of the large demo: one per headline row."""
    return (
        LARGE_DYNAMICS
        + LARGE_PEOPLE
        + LARGE_HOSTS
        + LARGE_EVENTS
        + LARGE_PARTICIPATIONS
        + LARGE_DEBRIEFS
        + LARGE_LOG_ENTRIES
    )


# Fixed creation stamps, so that two loads give the same rows to the last column.
LARGE_CREATED = datetime(2026, 11, 26, 8, 0, tzinfo=UTC)
# Events spread over ten years from this Monday, some past, some to come.
_EPOCH = datetime(2019, 1, 7, 8, 0, tzinfo=UTC)
_EVENT_SPAN_DAYS = 10 * 365


def _stamps() -> dict[str, datetime]:
    return {"created_at": LARGE_CREATED, "updated_at": LARGE_CREATED}


def dynamic_rows(rng: random.Random) -> Iterator[dict[str, Any]]:
    for i in range(1, LARGE_DYNAMICS + 1):
        kind, template = DYNAMIC_PATTERNS[i % len(DYNAMIC_PATTERNS)]
        city, _postal, region = rng.choice(TOWNS)
        name = template.format(
            theme=rng.choice(THEMES), city=city, de_city=_de(city), region=region
        )
        tags = sorted(rng.sample(TAGS, rng.randint(1, 3)), key=fold)
        yield {
            "id": i,
            "name": name,
            "kind": kind,
            "region": region,
            "territory": city,
            "description": None,
            "website": None,
            "search_key": keys.dynamic_key(name, region, city, tags),
            "deleted_at": None,
            **_stamps(),
            "_tags": tags,
            "_services": sorted(rng.sample(Service.codes(), rng.randint(1, 3))),
        }


def person_rows(rng: random.Random, organisations: list[tuple[str, str]]) -> Iterator[dict]:
    for i in range(1, LARGE_PEOPLE + 1):
        given = rng.choice(GIVEN_NAMES)
        family = rng.choice(FAMILY_NAMES)
        organisation, actor_type = rng.choice(organisations)
        email = demo_email(given, family, f".{i}")
        consent = rng.random() < 0.6
        yield {
            "id": i,
            "given_name": given,
            "family_name": family,
            "email": email,
            "email_key": email_key(email),
            "phone": phone_number(i),
            "organisation": organisation,
            "actor_type": actor_type,
            "function": rng.choice(FUNCTIONS),
            "preferred_language": "en" if rng.random() < 0.05 else "fr",
            "_consents": _consent_rows(i, consent and rng.random() < 0.8, consent, rng),
            "notes": None,
            "search_key": keys.person_search_key(given, family, email, organisation),
            "sort_key": keys.person_sort_key(given, family),
            "deleted_at": None,
            **_stamps(),
        }


def _consent_rows(person_id: int, photos: bool, quotes: bool, rng: random.Random) -> list[dict]:
    """Dated consents for partners' documents (``quotes`` is always set with ``photos``)."""
    if not quotes:
        return []
    day = date(2020, 1, 1) + timedelta(days=rng.randrange(2500))
    purposes = ("photos", "quotes") if photos else ("quotes",)
    return [
        {"person_id": person_id, "purpose": p, "scope": "partners", "given_on": day, **_stamps()}
        for p in purposes
    ]


def _de(place: str) -> str:
    """The French preposition before a place name: de Figeac, d’Albi, du Havre."""
    if place.startswith("Le "):
        return "du " + place[3:]
    if place[0] in "AEIOUÉÎ":
        return "d’" + place
    return "de " + place


def _organisation(rng: random.Random, city: str, host: bool = False) -> tuple[str, str]:
    """An organisation name and its actor type; hosts are never private inhabitants."""
    template, actor_type = rng.choice(HOST_FORMS if host else ORG_FORMS)
    return template.format(family=rng.choice(FAMILY_NAMES), de_city=_de(city)), actor_type


def organisations(rng: random.Random) -> list[tuple[str, str]]:
    """A few thousand organisation names with their actor type, shared by people."""
    return [_organisation(rng, rng.choice(TOWNS)[0]) for _i in range(3_000)]


def host_rows(rng: random.Random) -> Iterator[dict]:
    for i in range(1, LARGE_HOSTS + 1):
        city, postal, _region = rng.choice(TOWNS)
        name, actor_type = _organisation(rng, city, host=True)
        yield {
            "id": i,
            "name": name,
            "actor_type": actor_type,
            "address_line1": f"{rng.randint(1, 180)} {rng.choice(STREETS)}",
            "address_line2": None,
            "postal_code": postal,
            "city": city,
            "country": "FR",
            "capacity": rng.choice((12, 15, 20, 25, 30, 40, 60, 80)),
            "accessibility": rng.choice(
                ("Accessible en fauteuil roulant.", "Salle à l’étage sans ascenseur.", None)
            ),
            "notes": None,
            "contact_person_id": rng.randint(1, LARGE_PEOPLE),
            "search_key": keys.host_key(name, city, postal),
            "deleted_at": None,
            **_stamps(),
        }


_KINDS = ("visit", "visit", "visit", "seminar", "meeting", "meeting", "workshop")
_KIND_TITLES = {
    "visit": "Visite apprenante",
    "seminar": "Séminaire commun",
    "meeting": "Réunion de la task force",
    "workshop": "Atelier",
}
_TODAY_UTC = datetime(TODAY.year, TODAY.month, TODAY.day, tzinfo=UTC)


def event_rows(rng: random.Random) -> Iterator[dict]:
    for i in range(1, LARGE_EVENTS + 1):
        kind = rng.choice(_KINDS)
        start = _EPOCH + timedelta(days=rng.randrange(_EVENT_SPAN_DAYS), hours=rng.randint(0, 2))
        hours = 24 + 7 if kind == "seminar" else rng.choice((2, 3, 7))
        end = start + timedelta(hours=hours)
        if start < _TODAY_UTC:
            status = "cancelled" if rng.random() < 0.03 else "done"
        else:
            status = rng.choice(("draft", "planned", "planned", "confirmed"))
        host_id = rng.randint(1, LARGE_HOSTS) if kind != "meeting" else None
        theme = rng.choice(THEMES)
        title = f"{_KIND_TITLES[kind]} — filière {theme} (n° {i})"
        question = (
            f"Comment coopérer autour {theme} avec les habitants ?" if kind == "visit" else None
        )
        location = "Visioconférence" if host_id is None else None
        yield {
            "id": i,
            "uid": event_uid(f"large:{i}"),
            "sequence": 0,
            "kind": kind,
            "title": title,
            "visit_question": question,
            "objectives": None,
            "starts_at": start,
            "ends_at": end,
            "timezone": "Europe/Paris",
            "all_day": False,
            "host_id": host_id,
            "location": location,
            "online_url": None,
            "capacity": rng.choice((None, 15, 20, 25, 30)),
            "fee_cents": rng.choice((3000, 4500, 6000)) if kind == "seminar" else None,
            "status": status,
            "organiser_id": rng.randint(1, LARGE_PEOPLE),
            "search_key": keys.event_key(title, location, question),
            "deleted_at": None,
            **_stamps(),
        }


def _list_sizes(rng: random.Random) -> list[int]:
    """Participants per event: between 4 and 16, exactly LARGE_PARTICIPATIONS in all."""
    mean = LARGE_PARTICIPATIONS // LARGE_EVENTS
    sizes = [mean] * LARGE_EVENTS
    for i in range(0, LARGE_EVENTS - 1, 2):
        shift = rng.randint(-6, 6)
        sizes[i] += shift
        sizes[i + 1] -= shift
    return sizes


_FUTURE_STATUSES = ("accepted",) * 5 + ("invited", "invited", "tentative", "declined")


def participation_rows(rng: random.Random, events: list[dict]) -> Iterator[dict]:
    pid = 0
    for event, size in zip(events, _list_sizes(rng), strict=True):
        past = event["status"] in ("done", "cancelled")
        invited_at = event["starts_at"] - timedelta(days=30)
        waitlist = 0
        for rank, person_id in enumerate(rng.sample(range(1, LARGE_PEOPLE + 1), size)):
            pid += 1
            if past:
                status = "accepted" if rng.random() < 0.9 else "declined"
            elif event["capacity"] is not None and rank >= event["capacity"]:
                status = "waitlisted"
            else:
                status = rng.choice(_FUTURE_STATUSES)
            position = None
            if status == "waitlisted":
                waitlist += 1
                position = waitlist
            answered = status != "invited"
            yield {
                "id": pid,
                "event_id": event["id"],
                "person_id": person_id,
                "role": "organiser"
                if rank == 0
                else rng.choice(("participant",) * 6 + ("speaker", "host", "observer")),
                "status": status,
                "waitlist_position": position,
                "to_notify": False,
                "invited_at": invited_at,
                "responded_at": invited_at + timedelta(days=rng.randint(1, 20))
                if answered
                else None,
                "reply_sequence": 0 if answered else None,
                "delegated_to": None,
                "notes": None,
                **_stamps(),
            }


_TAKEAWAY_TEXTS = {
    "lasting_cooperation": "Partir de l’intérêt des membres et viser des petites victoires "
    "rapides.",
    "service_offer": "Un service né d’une demande des membres est utilisé dans la durée.",
    "business_model": "Les prestations facturées complètent les cotisations.",
    "societal_concerns": "Le réemploi devient un sujet que les entreprises veulent traiter.",
    "inhabitant_involvement": "Les habitants apportent des idées que les membres n’avaient pas.",
}


def debrief_rows(rng: random.Random, events: list[dict]) -> tuple[list[dict], ...]:
    """Debriefs of past events, with their takeaways, authors and follow-up actions."""
    done = [e for e in events if e["status"] == "done"]
    chosen = sorted(rng.sample(done, LARGE_DEBRIEFS), key=lambda e: e["id"])
    debriefs, takeaways, authors, actions = [], [], [], []
    for i, event in enumerate(chosen, start=1):
        final = rng.random() < 0.9
        finished = event["ends_at"] + timedelta(days=rng.randint(3, 30))
        debriefs.append(
            {
                "id": i,
                "event_id": event["id"],
                "status": "final" if final else "draft",
                "context": f"Contexte de « {event['title']} ».",
                "what_we_saw": "Une équipe d’animation attentive aux membres.",
                "ideas_to_transpose": "Tester la démarche chez nous.",
                "finalised_at": finished if final else None,
                **_stamps(),
            }
        )
        for position, challenge in enumerate(rng.sample(Challenge.codes(), rng.randint(1, 2))):
            takeaways.append(
                {
                    "debrief_id": i,
                    "position": position,
                    "text": _TAKEAWAY_TEXTS[challenge],
                    "challenge": challenge,
                }
            )
        authors.append({"debrief_id": i, "person_id": event["organiser_id"]})
        actions.append(
            {
                "debrief_id": i,
                "position": 0,
                "text": "Partager le compte rendu avec les membres",
                "owner_id": event["organiser_id"],
                "due_date": (finished + timedelta(days=21)).date(),
                "done": rng.random() < 0.7,
            }
        )
    return debriefs, takeaways, authors, actions


def story_rows(
    rng: random.Random, origin: str | None, debriefs: list[dict], events: list[dict]
) -> Iterator[dict]:
    by_id = {e["id"]: e for e in events}
    for i, debrief in enumerate(rng.sample(debriefs, LARGE_LOG_ENTRIES), start=1):
        event = by_id[debrief["event_id"]]
        title = event["title"]
        body = f"Retour sur « {title} » : une étape de plus dans notre récit commun."
        yield {
            "id": i,
            "uuid": story_uuid(f"large:{i}"),
            "revision": 1,
            "entry_date": event["starts_at"].date(),
            "title": title,
            "text": body,
            "kind": "visit" if event["kind"] == "visit" else "note",
            "author": "Hélène Marchand",
            "event_id": event["id"],
            "event_uid": event["uid"],
            "saved_at": event["starts_at"] + timedelta(hours=8),
            "debrief_id": debrief["id"],
            "photo_path": None,
            "origin": origin,
            "search_key": keys.story_key(title, body),
            **_stamps(),
        }


# Link tables: which dynamics people, hosts, events and log entries belong to.


def person_dynamic_rows(rng: random.Random) -> Iterator[dict]:
    return (
        {"person_id": p, "dynamic_id": d}
        for p in range(1, LARGE_PEOPLE + 1)
        for d in rng.sample(range(1, LARGE_DYNAMICS + 1), rng.choice((0, 1, 1, 2)))
    )


def host_dynamic_rows(rng: random.Random) -> Iterator[dict]:
    return (
        {"host_id": h, "dynamic_id": rng.randint(1, LARGE_DYNAMICS)}
        for h in range(1, LARGE_HOSTS + 1)
    )


def event_dynamic_rows(rng: random.Random, events: list[dict]) -> Iterator[dict]:
    """One visiting and one visited dynamic per event, never the same."""
    return (
        {"event_id": e["id"], "dynamic_id": d, "side": side}
        for e in events
        for side, d in zip(
            ("visiting", "visited"), rng.sample(range(1, LARGE_DYNAMICS + 1), 2), strict=True
        )
    )


def story_dynamic_rows(rng: random.Random) -> Iterator[dict]:
    return (
        {"entry_id": i, "dynamic_id": rng.randint(1, LARGE_DYNAMICS)}
        for i in range(1, LARGE_LOG_ENTRIES + 1)
    )
