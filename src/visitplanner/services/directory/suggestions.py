"""Where to go to learn about a question: hosts and dynamics ranked by what the catalogue knows.

A coordinator types the group's visit question ("comment monter un living lab
avec les familles ?") and gets the places and networks whose practices, names,
descriptions or past debriefs speak of it. Matching is on folded words
(accents and case ignored, French and English stop words dropped); rarer words
weigh more, so "living lab" outranks "territoire". Host organisations inherit
the practices of the dynamics they belong to, and learn from the debriefs of
the events they received. Every suggestion says why, in words.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from visitplanner.domain.enums import Service
from visitplanner.domain.text import fold
from visitplanner.i18n import _
from visitplanner.store.database import Catalogue
from visitplanner.store.models import (
    Debrief,
    Dynamic,
    DynamicService,
    DynamicTag,
    Event,
    EventDynamic,
    Host,
    Takeaway,
    host_dynamics,
)

# fmt: off
_STOP_TEXT = """
    le la les l de des du d un une et en pour comment quoi que qu qui quel quelle quels
    quelles a au aux avec sur dans par ce ces cet cette ca se sa son ses leur leurs nos notre
    vos votre on nous vous je il ils elle elles est sont etre avoir faire fait peut peuvent pas
    plus ou y ne mais donc car chez entre sans sous vers tout tous toute toutes autre autres
    the an of how what why which who whom to in on for and or with is are do does can could
    we our you your it its by at from as be this that these those into about
"""
# fmt: on
STOP_WORDS = frozenset(_STOP_TEXT.split())

# How much a word found in each place counts (times the word's rarity).
_WEIGHTS = {
    "name": 3.0,
    "tag": 3.0,
    "inherited": 2.0,
    "service": 2.0,
    "place": 1.0,
    "description": 1.0,
    "debrief": 1.0,
}
_WHOLE_TAG_BONUS = 2.0
_SEPARATORS = re.compile(r"[^0-9a-z]+")


@dataclass(frozen=True)
class Suggestion:
    kind: str  # "host" or "dynamic"
    id: int
    name: str
    score: float
    reasons: tuple[str, ...]


def _stem(word: str) -> str:
    return word[:-1] if len(word) > 3 and word[-1] in "sx" else word


def words(text: str | None) -> list[str]:
    """The folded content words of ``text``: "L’univers de l’Enfant" gives univer, enfant."""
    spaced = re.sub(r"['’ʼ`´-]", " ", text or "")
    return [
        _stem(w)
        for w in _SEPARATORS.sub(" ", fold(spaced)).split()
        if len(w) > 1 and w not in STOP_WORDS
    ]


@dataclass
class _Source:
    place: str  # a key of _WEIGHTS
    words: frozenset[str]
    what: str = ""  # the tag, the service, the debriefed event's title...
    whole: bool = False  # a tag: worth a bonus when all its words are asked


@dataclass
class _Candidate:
    kind: str
    id: int
    name: str
    sources: list[_Source] = field(default_factory=list)

    def add(self, place: str, text: str | None, what: str = "", whole: bool = False) -> None:
        found = frozenset(words(text))
        if found:
            self.sources.append(_Source(place, found, what, whole))


def _reason(place: str, shown: str, what: str) -> str:
    if place == "name":
        return _("{words} in its name").format(words=shown)
    if place == "tag":
        return _("“{tag}” among its practices").format(tag=what)
    if place == "inherited":
        return _("“{tag}” among the practices of {dynamic}").format(
            tag=what.split("\n")[0], dynamic=what.split("\n")[1]
        )
    if place == "service":
        return _("offers: {service}").format(service=what)
    if place == "place":
        return _("{words} in its territory").format(words=shown)
    if place == "description":
        return _("{words} in its description").format(words=shown)
    return _("{words} in the debrief of “{title}”").format(words=shown, title=what)


def _load(catalogue: Catalogue) -> list[_Candidate]:
    """Every live dynamic and host with the texts that describe it, in a few plain queries."""
    with catalogue.session() as session:
        dynamics: dict[int, _Candidate] = {}
        for row in session.execute(
            select(
                Dynamic.id, Dynamic.name, Dynamic.description, Dynamic.region, Dynamic.territory
            ).where(Dynamic.deleted_at.is_(None))
        ):
            d = dynamics[row.id] = _Candidate("dynamic", row.id, row.name)
            d.add("name", row.name)
            d.add("description", row.description)
            d.add("place", f"{row.region or ''} {row.territory or ''}")
        tags: dict[int, list[str]] = defaultdict(list)
        for dynamic_id, tag in session.execute(select(DynamicTag.dynamic_id, DynamicTag.tag)):
            if dynamic_id in dynamics:
                tags[dynamic_id].append(tag)
                dynamics[dynamic_id].add("tag", tag, tag, whole=True)
        for dynamic_id, code in session.execute(
            select(DynamicService.dynamic_id, DynamicService.service)
        ):
            if dynamic_id in dynamics:
                label = Service(code).label
                dynamics[dynamic_id].add("service", f"{code} {label}", label)
        hosts = {}
        for row in session.execute(
            select(Host.id, Host.name, Host.city, Host.notes).where(Host.deleted_at.is_(None))
        ):
            h = hosts[row.id] = _Candidate("host", row.id, row.name)
            h.add("name", row.name)
            h.add("place", row.city)
            h.add("description", row.notes)
        for host_id, dynamic_id in session.execute(select(host_dynamics)):
            if host_id in hosts and dynamic_id in dynamics:
                for tag in tags[dynamic_id]:
                    what = f"{tag}\n{dynamics[dynamic_id].name}"
                    hosts[host_id].add("inherited", tag, what, whole=True)
        _add_debriefs(session, dynamics, hosts)
    return [*dynamics.values(), *hosts.values()]


def _add_debriefs(
    session: Session, dynamics: dict[int, _Candidate], hosts: dict[int, _Candidate]
) -> None:
    """A debrief teaches about the host that received the visit and the dynamics visited."""
    takeaways: dict[int, list[str]] = defaultdict(list)
    for debrief_id, text in session.execute(select(Takeaway.debrief_id, Takeaway.text)):
        takeaways[debrief_id].append(text)
    visited: dict[int, list[int]] = defaultdict(list)
    for event_id, dynamic_id in session.execute(
        select(EventDynamic.event_id, EventDynamic.dynamic_id).where(EventDynamic.side == "visited")
    ):
        visited[event_id].append(dynamic_id)
    stmt = (
        select(
            Debrief.id,
            Debrief.context,
            Debrief.what_we_saw,
            Debrief.ideas_to_transpose,
            Event.id.label("event_id"),
            Event.title,
            Event.host_id,
        )
        .join(Event, Event.id == Debrief.event_id)
        .where(Event.deleted_at.is_(None))
    )
    for row in session.execute(stmt):
        parts = [row.context, row.what_we_saw, row.ideas_to_transpose, *takeaways[row.id]]
        text = " ".join(p for p in parts if p)
        receivers = [hosts.get(row.host_id)] + [dynamics.get(i) for i in visited[row.event_id]]
        for candidate in receivers:
            if candidate is not None:
                candidate.add("debrief", text, row.title)


def _score(
    candidate: _Candidate, asked: frozenset[str], rarity: dict[str, float], shown: dict[str, str]
) -> tuple[float, list[tuple[float, str]]]:
    """Each asked word counts once per kind of place it is found in, weighted by its rarity."""
    best: dict[tuple[str, str], tuple[float, str]] = {}
    for source in candidate.sources:
        hits = source.words & asked
        if not hits:
            continue
        weight = _WEIGHTS[source.place]
        if source.whole and source.words <= asked:
            weight += _WHOLE_TAG_BONUS
        for word in hits:
            key = (source.place, word)
            gain = weight * rarity[word]
            if key not in best or gain > best[key][0]:
                best[key] = (gain, source.what)
    total = sum(gain for gain, _what in best.values())
    grouped: dict[tuple[str, str], list[tuple[float, str]]] = defaultdict(list)
    for (place, word), (gain, what) in best.items():
        # Tags and services speak for themselves; other places list the words found.
        group = what if place in ("tag", "inherited", "service", "debrief") else ""
        grouped[(place, group)].append((gain, word))
    reasons = []
    for (place, what), hits in grouped.items():
        ordered = sorted(hits, key=lambda h: -h[0])
        found = ", ".join(dict.fromkeys(f"“{shown[w]}”" for _gain, w in ordered))
        reasons.append((sum(g for g, _w in hits), _reason(place, found, what)))
    return total, sorted(reasons, key=lambda r: -r[0])


def _shown(question: str) -> dict[str, str]:
    """Each folded word mapped back to how the user wrote it, for the reasons."""
    shown: dict[str, str] = {}
    for raw in re.split(r"[\s'’ʼ`´,;:!?.()«»\"]+", question):
        for word in words(raw):
            shown.setdefault(word, raw.strip("-"))
    return shown


def suggest_hosts(catalogue: Catalogue, question: str, limit: int = 10) -> list[Suggestion]:
    """Host organisations and dynamics worth visiting for ``question``, best first."""
    asked = frozenset(words(question))
    if not asked or limit <= 0:
        return []
    shown = _shown(question)
    for word in asked:
        shown.setdefault(word, word)
    candidates = _load(catalogue)
    seen: dict[str, int] = defaultdict(int)
    for candidate in candidates:
        for word in asked & _all_words(candidate.sources):
            seen[word] += 1
    rarity = {w: math.log(1 + len(candidates) / (1 + seen[w])) for w in asked}
    found = []
    for candidate in candidates:
        score, reasons = _score(candidate, asked, rarity, shown)
        if score > 0:
            found.append(
                Suggestion(
                    candidate.kind,
                    candidate.id,
                    candidate.name,
                    round(score, 3),
                    tuple(text for _gain, text in reasons[:4]),
                )
            )
    found.sort(key=lambda s: (-s.score, s.kind != "host", fold(s.name), s.id))
    return found[:limit]


def _all_words(sources: Iterable[_Source]) -> frozenset[str]:
    return frozenset().union(*(s.words for s in sources))
