"""The folded keys each record is searched and sorted by, computed in one place.

Services fill them on every write and bulk loaders (demo, imports) fill them
the same way, so search finds a record however it entered the catalogue.
"""

from __future__ import annotations

from collections.abc import Iterable

from visitplanner.domain.text import search_key


def dynamic_key(name: str, region: str | None, territory: str | None, tags: Iterable[str]) -> str:
    return search_key(name, region, territory, *tags)


def host_key(name: str, city: str | None, postal_code: str | None) -> str:
    return search_key(name, city, postal_code)


def person_search_key(
    given_name: str | None, family_name: str, email: str | None, organisation: str | None
) -> str:
    return search_key(given_name, family_name, email, organisation)


def person_sort_key(given_name: str | None, family_name: str) -> str:
    return search_key(family_name, given_name)[:320]


def event_key(title: str, location: str | None, visit_question: str | None) -> str:
    return search_key(title, location, visit_question)


def story_key(title: str, text: str | None) -> str:
    return search_key(title, text)
