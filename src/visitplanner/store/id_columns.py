"""One hot path that bypasses SQLAlchemy's per-row result processing.

The big lists fetch up to 100,000 ids per keystroke; building a Result row
for each costs more than the query itself. The statement is still written
with SQLAlchemy and compiled for the connection's own dialect, so this works
the same on SQLite and PostgreSQL; only plain integer columns come back
through here, which need no type conversion.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select
from sqlalchemy.orm import Session


def integer_column(session: Session, stmt: Select[Any]) -> list[int]:
    connection = session.connection()
    compiled = stmt.compile(dialect=connection.dialect)
    params = compiled.construct_params()
    if compiled.positional:
        args: Any = tuple(params[name] for name in compiled.positiontup or ())
    else:
        args = params
    cursor = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(str(compiled), args)
        return [row[0] for row in cursor.fetchall()]
    finally:
        cursor.close()
