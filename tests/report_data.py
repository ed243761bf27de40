"""A small handcrafted catalogue whose activity report is known by heart (2027, Europe/Paris).

Expected figures, worked out by hand (see each event's comment):
events by kind visit 2, seminar 1, meeting 1, workshop 1; participants 6; organisations 4;
dynamics 4; links D1→D2, D2→D3, D4→D1; cross-family share 1/2; actions done 1, open 2,
overdue 1 (on 15 June 2027); person-hours 49; territories 46: 2, 2B: 2, 75: 2; unlocated 1;
one organisation ("Asso") still cooperating after 2027.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from visitplanner.store.models import (
    Debrief,
    Dynamic,
    Event,
    EventDynamic,
    FollowUpAction,
    Host,
    Participation,
    Person,
)

PARIS = ZoneInfo("Europe/Paris")
TODAY = date(2027, 6, 15)


def at(y: int, m: int, d: int, h: int = 0, mi: int = 0) -> datetime:
    return datetime(y, m, d, h, mi, tzinfo=PARIS)


def build(catalogue) -> dict[str, int]:
    ids: dict[str, int] = {}
    with catalogue.session() as s:
        dynamics = {
            "D1": Dynamic(name="Nova Child & Co", kind="cluster"),
            "D2": Dynamic(name="PTCE Figeacteurs", kind="ptce"),
            "D3": Dynamic(name="Tiers-lieu « La Forge »", kind="third_place"),
            "D4": Dynamic(name="Collectif Ørsted", kind="other"),
        }
        hosts = {
            "H1": Host(name="Maison Figeac", postal_code="46100", city="Figeac"),
            "H2": Host(name="Bastia Lab", postal_code="20200", city="Bastia"),
            "H3": Host(name="Paris Onze", postal_code="75011", city="Paris"),
            "H4": Host(name="Sans adresse"),
        }
        people = {
            "P1": Person(
                family_name="Nguyễn", given_name="An", actor_type="sme", organisation="Acme"
            ),
            "P2": Person(family_name="Durand", actor_type="sse", organisation="acme "),
            "P3": Person(family_name="Çağla", actor_type="association", organisation="Asso"),
            "P4": Person(family_name="Sans Type"),
            "P5": Person(
                family_name="Effacé",
                actor_type="inhabitant",
                deleted_at=datetime(2027, 1, 1, tzinfo=UTC),
            ),
            "P6": Person(family_name="Chercheur", actor_type="research", organisation="Labo"),
            "P7": Person(family_name="Artiste", actor_type="culture", organisation="Culture"),
        }
        s.add_all([*dynamics.values(), *hosts.values(), *people.values()])
        s.flush()

        def event(key, kind, start, end, status="confirmed", host=None, **extra):
            e = Event(
                uid=f"{key}@test",
                kind=kind,
                title=f"{key} {kind}",
                starts_at=start,
                ends_at=end,
                status=status,
                host_id=hosts[host].id if host else None,
                **extra,
            )
            s.add(e)
            s.flush()
            ids[key] = e.id
            return e

        def link(e, visiting, visited):
            s.add(EventDynamic(event_id=e.id, dynamic_id=dynamics[visiting].id, side="visiting"))
            s.add(EventDynamic(event_id=e.id, dynamic_id=dynamics[visited].id, side="visited"))

        def answer(e, status, *keys):
            for key in keys:
                s.add(Participation(event_id=e.id, person_id=people[key].id, status=status))

        # E1: visit, Q1, 8 h, cluster -> PTCE (crosses families); P5 is in the trash.
        e1 = event("E1", "visit", at(2027, 3, 10, 9), at(2027, 3, 10, 17), host="H1")
        link(e1, "D1", "D2")
        answer(e1, "accepted", "P1", "P2", "P5")
        answer(e1, "declined", "P3")
        # E2: visit, Q2, 2 h, PTCE -> third place (one family).
        e2 = event("E2", "visit", at(2027, 5, 5, 10), at(2027, 5, 5, 12), "done", host="H2")
        link(e2, "D2", "D3")
        answer(e2, "accepted", "P1", "P3")
        # E3: seminar, two whole days: 2 x 7 h each for P4 and P6.
        event("E3", "seminar", at(2027, 6, 1), at(2027, 6, 3), "planned", host="H3", all_day=True)
        answer(s.get(Event, ids["E3"]), "accepted", "P4", "P6")
        # E4: meeting across the period's end (counted), 1 h, host without postal code.
        e4 = event(
            "E4", "meeting", at(2027, 12, 31, 23, 30), at(2028, 1, 1, 0, 30), "planned", "H4"
        )
        answer(e4, "accepted", "P7")
        # E5 cancelled, E6 draft, E7 ends before the period, E9 in the trash: not counted.
        e5 = event("E5", "visit", at(2027, 4, 1, 9), at(2027, 4, 1, 12), "cancelled", "H1")
        answer(e5, "accepted", "P3")
        event("E6", "workshop", at(2027, 4, 2, 9), at(2027, 4, 2, 12), "draft")
        event("E7", "visit", at(2026, 12, 31, 22), at(2026, 12, 31, 23, 30))
        e9 = event("E9", "visit", at(2027, 7, 1, 9), at(2027, 7, 1, 12))
        e9.deleted_at = datetime(2027, 7, 2, tzinfo=UTC)
        # E10: a visit of 2028: "Asso" still cooperates after 2027.
        e10 = event("E10", "visit", at(2028, 3, 1, 9), at(2028, 3, 1, 12))
        answer(e10, "accepted", "P3")
        # E8: workshop across the period's start (counted in Q1), other -> cluster.
        e8 = event("E8", "workshop", at(2026, 12, 31, 23), at(2027, 1, 1, 1))
        link(e8, "D4", "D1")

        d1 = Debrief(event_id=e1.id, status="final")
        d5 = Debrief(event_id=e5.id, status="final")
        s.add_all([d1, d5])
        s.flush()
        s.add_all(
            [
                FollowUpAction(debrief_id=d1.id, text="Done one", done=True, position=0),
                FollowUpAction(
                    debrief_id=d1.id, text="Late one", due_date=date(2027, 2, 1), position=1
                ),
                FollowUpAction(
                    debrief_id=d1.id, text="Open dated", due_date=date(2027, 12, 1), position=2
                ),
                FollowUpAction(debrief_id=d1.id, text="Open undated", position=3),
                FollowUpAction(
                    debrief_id=d5.id, text="Of a cancelled visit", due_date=date(2027, 1, 1)
                ),
            ]
        )
        ids.update({k: v.id for k, v in dynamics.items()})
        ids.update({k: v.id for k, v in people.items()})
    return ids
