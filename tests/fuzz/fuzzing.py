"""What every importer's fuzz test shares: mutated seed files and a catalogue's full dump.

A mutation is what happens to real files on the way: a byte flipped, a line lost or
doubled, a file cut short, two files glued together, text re-encoded, or plain
random bytes. Every importer must answer such a file with a
:class:`~visitplanner.domain.errors.UserError` (a sentence for the user) or import it,
never with a traceback, and a refusal must leave the catalogue exactly as it was.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from hypothesis import settings
from hypothesis import strategies as st
from sqlalchemy import select

from visitplanner.domain.errors import UserError
from visitplanner.store.database import Catalogue
from visitplanner.store.models import Base

T = TypeVar("T")


def budget(factor: int = 3) -> settings:
    """A few times the profile's examples: one fuzz example is cheaper than a machine's run."""
    return settings(max_examples=settings.default.max_examples * factor)


# How many files each importer took and refused: printed at the end of the run, so a
# mutation strategy that only ever produces refusals is noticed.
TALLY: Counter[str] = Counter()

_INTERESTING = [
    b"\x00",
    b"\xff\xfe",
    b"\xef\xbb\xbf",
    b"\r\n",
    b"\n",
    b'"',
    b";",
    b",",
    b"\t",
    b":",
    b"=",
    b"BEGIN:VEVENT\r\n",
    b"END:VCALENDAR\r\n",
    b"\r\n ",
    "é".encode(),
    "é".encode("latin-1"),
    b"9" * 40,
    b"-1",
    b"{",
    b"}",
    b"null",
    b"[]",
    b'"revision": 0',
    b"=?utf-8?q?",
    b"Content-Transfer-Encoding: base64\r\n",
]


@st.composite
def mutated(draw: st.DrawFn, seeds: Sequence[bytes], max_mutations: int = 4) -> bytes:
    """A seed file after a few random accidents, or, now and then, random bytes."""
    if draw(st.integers(0, 9)) == 0:
        return draw(st.binary(max_size=600))
    data = bytearray(draw(st.sampled_from(list(seeds))))
    for _ in range(draw(st.integers(1, max_mutations))):
        size = len(data)
        at = draw(st.integers(0, size))
        kind = draw(st.integers(0, 8))
        if kind == 0 and size:  # a byte flipped
            at = min(at, size - 1)
            data[at] = data[at] ^ (1 << draw(st.integers(0, 7)))
        elif kind == 1:  # something meaningful inserted
            data[at:at] = draw(st.sampled_from(_INTERESTING))
        elif kind == 2:  # a stretch lost
            data[at : at + draw(st.integers(1, 80))] = b""
        elif kind == 3:  # a stretch doubled
            end = at + draw(st.integers(1, 200))
            data[at:at] = data[at:end]
        elif kind == 4:  # cut short
            del data[at:]
        elif kind == 5:  # random bytes written over
            junk = draw(st.binary(min_size=1, max_size=16))
            data[at : at + len(junk)] = junk
        elif kind == 6:  # a whole line dropped or repeated
            lines = bytes(data).split(b"\n")
            n = draw(st.integers(0, len(lines) - 1))
            if draw(st.booleans()):
                del lines[n]
            else:
                lines.insert(n, lines[n])
            data = bytearray(b"\n".join(lines))
        elif kind == 7:  # another seed glued at a random place
            other = draw(st.sampled_from(list(seeds)))
            data[at:at] = other[draw(st.integers(0, len(other))) :]
        else:  # re-encoded as another program might save it
            text = bytes(data).decode("utf-8", "replace")
            encoding = draw(st.sampled_from(["utf-16", "cp1252", "latin-1", "utf-8-sig"]))
            data = bytearray(text.encode(encoding, "replace"))
    return bytes(data)


def dump(catalogue: Catalogue) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in a stable order: the catalogue's whole content.

    The models name the tables (tests/store/test_schema_drift.py holds them equal to the
    migrated schema), which is much faster than reflecting the database each time.
    """
    with catalogue.engine.connect() as conn:
        return {
            name: sorted((tuple(row) for row in conn.execute(select(table))), key=repr)
            for name, table in sorted(Base.metadata.tables.items())
        }


def outcome(name: str, action: Callable[[], T]) -> T | UserError:
    """Runs an import; a refusal is returned (it must carry a message), anything else raises.

    ``name`` labels the tally of accepted and refused files.
    """
    try:
        result = action()
    except UserError as exc:
        assert exc.message.strip(), f"{type(exc).__name__} without a message"
        assert "Traceback" not in exc.message
        TALLY[f"{name}: refused"] += 1
        return exc
    TALLY[f"{name}: accepted"] += 1
    return result


def lists(catalogue: Catalogue) -> dict[int, tuple[int | None, int, list[int]]]:
    """Per event: (capacity, accepted people, waiting-list positions in order)."""
    from visitplanner.store.models import Event, Participation

    with catalogue.session() as session:
        capacity = dict(session.execute(select(Event.id, Event.capacity)).all())
        rows = session.execute(
            select(Participation.event_id, Participation.status, Participation.waitlist_position)
        ).all()
    found: dict[int, tuple[int | None, int, list[int]]] = {}
    for event_id, cap in capacity.items():
        mine = [(s, p) for e, s, p in rows if e == event_id]
        assert all((s == "waitlisted") == (p is not None) for s, p in mine)
        positions = sorted(p for s, p in mine if p is not None)
        found[event_id] = (cap, sum(1 for s, _ in mine if s == "accepted"), positions)
    return found


def assert_lists_still_in_shape(before: dict, catalogue: Catalogue) -> None:
    """Waiting lists numbered 1..n; no event newly over its capacity."""
    for event_id, (capacity, accepted, positions) in lists(catalogue).items():
        assert positions == list(range(1, len(positions) + 1)), (event_id, positions)
        if capacity is not None and accepted > capacity:
            was = before.get(event_id)
            assert was is not None and was[1] >= accepted, (event_id, capacity, accepted)
