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

from sqlalchemy import ColumnElement, case, func

from visitplanner.resources import resource_path


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
