"""Column types that behave the same on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import ColumnElement
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator[datetime]):
    """An aware date-time stored as naive UTC, returned as aware UTC.

    SQLite has no time-zone type; storing UTC everywhere keeps ordering and the
    ``end >= start`` check correct on both engines, while the event's IANA zone
    is kept in its own column for display and iCalendar.
    """

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not stored; give a time zone")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC)


def utcnow() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


class ByteOrder(ColumnElement[str]):
    """``column`` compared byte for byte: see :func:`byte_order`."""

    inherit_cache = True

    def __init__(self, column: ColumnElement[str]) -> None:
        self.column = column
        self.type = column.type


@compiles(ByteOrder)
def _byte_order_default(element: ByteOrder, compiler: Any, **kw: Any) -> str:
    return compiler.process(element.column, **kw)  # SQLite's BINARY: bytes already


@compiles(ByteOrder, "postgresql")
def _byte_order_postgresql(element: ByteOrder, compiler: Any, **kw: Any) -> str:
    return f'{compiler.process(element.column, **kw)} COLLATE "C"'


def byte_order(column: Any) -> ColumnElement[str]:
    """Sorts a folded key (``search_key``, ``sort_key``) the same way on both engines.

    The keys are lower-case and accent-free (``domain.text.fold``), so comparing their
    bytes is the order a reader expects. SQLite compares bytes; a PostgreSQL server
    compares with its database's collation (``fr_FR``, ``en_US``...), which weighs
    spaces and punctuation its own way: ``COLLATE "C"`` there gives the same order.
    """
    return ByteOrder(column)
