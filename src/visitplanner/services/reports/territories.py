"""Départements and régions of France, found from a postal code.

Funders count publics by territory; the catalogue knows postal codes (of host
organisations), not départements. The table ships with the application
(``resources/territories/departements.csv``: INSEE codes and names, régions as
of 2016) so that nothing needs a network.

A postal code's first two digits name its département, except overseas (three
digits, 971–976) and Corsica (200xx–201xx: Corse-du-Sud, 202xx–206xx:
Haute-Corse). A few communes have a postal code of the neighbouring département
(the post office that serves them); the report follows the postal code there, as
funders' own forms do.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, case, func, select

from visitplanner.resources import resource_path
from visitplanner.store.models import Host


@dataclass(frozen=True)
class Departement:
    code: str
    name: str
    region_code: str
    region: str


@cache
def departements() -> dict[str, Departement]:
    """Every département by its code (``"01"``, ``"2A"``, ``"971"``), in code order."""
    path = resource_path("territories", "departements.csv")
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter=";"))
    return {
        row["code"]: Departement(row["code"], row["departement"], row["region_code"], row["region"])
        for row in rows
    }


def regions() -> dict[str, str]:
    """Région code -> name."""
    return {d.region_code: d.region for d in departements().values()}


def departement_code(postal_code: str | None) -> str | None:
    """The département of a French postal code, or ``None`` when it names none."""
    code = (postal_code or "").replace(" ", "").strip()
    if len(code) != 5 or not code.isdigit():
        return None
    if code.startswith("97"):
        found = code[:3]
    elif code.startswith("20"):
        found = "2A" if code[2] in "01" else "2B"
    else:
        found = code[:2]
    return found if found in departements() else None


def departement_expression(postal_code: ColumnElement[str]) -> ColumnElement[str]:
    """:func:`departement_code` as SQL (SQLite and PostgreSQL), for counting in the database.

    Codes that name no département come out as they are; the caller checks them
    against :func:`departements`.
    """
    code = func.trim(postal_code)
    return case(
        (code.like("97%"), func.substr(code, 1, 3)),
        (
            code.like("20%"),
            case((func.substr(code, 3, 1).in_(("0", "1")), "2A"), else_="2B"),
        ),
        else_=func.substr(code, 1, 2),
    )


def participants_by_territory(
    session: Any, pairs: Any
) -> tuple[dict[str, int], dict[str, int], int]:
    """Participants by département and région, from the distinct (person id, host id)
    ``pairs`` of a selection; and how many people are in some département.

    The distinct (person, host) pairs come from the database as two integers each;
    the few thousand hosts are placed in their département once, here, rather than
    the postal code being read again for every participation.
    """
    table = departements()
    host_departement = {
        host_id: code
        for host_id, postal_code in session.connection().execute(
            select(Host.id, Host.postal_code).where(Host.postal_code.is_not(None))
        )
        if (code := departement_code(postal_code)) is not None
    }
    by_dept: dict[str, set[int]] = {}
    for person_id, host_id in session.connection().execute(pairs).all():
        code = host_departement.get(host_id)
        if code is not None:
            by_dept.setdefault(code, set()).add(person_id)
    by_region: dict[str, set[int]] = {}
    for code, persons in by_dept.items():
        by_region.setdefault(table[code].region_code, set()).update(persons)
    located = set().union(*by_dept.values()) if by_dept else set()
    territories = {code: len(by_dept[code]) for code in table if code in by_dept}
    regions = {code: len(by_region[code]) for code in sorted(by_region)}
    return territories, regions, len(located)
