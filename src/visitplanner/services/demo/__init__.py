"""Demo catalogues: a small realistic one to explore the application, a large one to measure it.

The small catalogue tells the story of a fictional collective of coordinators
("équipe d'animation") following the study-action *Dynamiques pionnières de
territoire*: the real kinds of dynamics it studied (Nova Child, the two Pôles Mer,
Figeacteurs, Clus'ter Jura...), fictional people at ``example.org``, two learning
visits already debriefed, a joint seminar and a meeting to come. It is written
against the reference date :data:`TODAY` so that some follow-up actions are
overdue, as they always are in real life. Its tables are in :mod:`.small_data`
and :mod:`.small_events`, its builders in :mod:`.small`.

The large catalogue is synthetic and deterministic (:mod:`.large`) and is written
with SQLAlchemy Core in chunks (:mod:`.large_load`).

This module holds what both share: the checks before loading, the transaction
and the summary. Either catalogue is loaded in one transaction: a failure leaves
the catalogue exactly as it was.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, exists, func, select, text
from sqlalchemy.orm import Session

from visitplanner.domain.errors import UserError
from visitplanner.i18n import _
from visitplanner.services.changes import Changes
from visitplanner.services.demo.shared import TODAY, Progress, Ticker
from visitplanner.store.database import Catalogue
from visitplanner.store.models import (
    Base,
    CatalogueInfo,
    Debrief,
    Dynamic,
    Event,
    Host,
    Participation,
    Person,
    StoryEntry,
)

__all__ = ["SIZES", "TODAY", "DemoSummary", "Progress", "is_empty", "load_demo"]

SIZES = ("small", "large")
# Tables a reload keeps: the catalogue's identity (shared-log origin) and its schema revision.
KEPT_TABLES = frozenset({"catalogue_info", "alembic_version"})


@dataclass(frozen=True)
class DemoSummary:
    """What the catalogue holds after loading, counted in the database itself."""

    dynamics: int
    hosts: int
    people: int
    events: int
    participations: int
    debriefs: int
    story_entries: int

    @property
    def changes(self) -> Changes:
        """The content was replaced as a whole: every view shows it again."""
        return Changes.everything()


# --- public entry points ----------------------------------------------------------------------


def is_empty(catalogue: Catalogue) -> bool:
    """True when the catalogue holds no record a user made (its identity does not count).

    Used to offer the demo on first start and to refuse overwriting real work.
    """
    with catalogue.session() as session:
        return _is_empty(session)


def load_demo(
    catalogue: Catalogue,
    size: str = "small",
    *,
    force: bool = False,
    progress: Progress | None = None,
) -> DemoSummary:
    """Fills the catalogue with the ``small`` or ``large`` demo, all or nothing.

    A catalogue that already holds records is refused unless ``force`` is given,
    in which case its content is deleted in the same transaction, so a failed load
    never leaves a half-emptied catalogue. ``progress(done, total)`` is called as
    rows are written, for a progress bar.
    """
    # The demo's data, imported only to load it: the window asks is_empty() at start.
    from visitplanner.services.demo import large, large_load, small

    if size not in SIZES:
        raise UserError(_("Unknown demo size “{size}”: choose small or large.").format(size=size))
    with catalogue.session() as session:
        if not _is_empty(session):
            if not force:
                raise UserError(
                    _(
                        "The catalogue is not empty; use --force to replace its content "
                        "with the demo catalogue."
                    )
                )
            _delete_content(session)
        origin = session.scalar(
            select(CatalogueInfo.value).where(CatalogueInfo.key == "catalogue_id")
        )
        if size == "small":
            small.load(session, origin, Ticker(progress, small.TOTAL))
        else:
            large_load.load(session, origin, Ticker(progress, large.total()))
            _sync_sequences(session)
        return _summary(session)


# --- helpers -----------------------------------------------------------------------------------

_COUNTED = (Dynamic, Host, Person, Event, StoryEntry)


def _is_empty(session: Session) -> bool:
    return not any(session.scalar(select(exists().select_from(m.__table__))) for m in _COUNTED)


def _delete_content(session: Session) -> None:
    """Deletes every row but the catalogue's identity, children before parents."""
    for table in reversed(Base.metadata.sorted_tables):
        if table.name not in KEPT_TABLES:
            session.execute(delete(table))


def _count(session: Session, model: type[Base]) -> int:
    return session.scalar(select(func.count()).select_from(model.__table__)) or 0


def _summary(session: Session) -> DemoSummary:
    return DemoSummary(
        dynamics=_count(session, Dynamic),
        hosts=_count(session, Host),
        people=_count(session, Person),
        events=_count(session, Event),
        participations=_count(session, Participation),
        debriefs=_count(session, Debrief),
        story_entries=_count(session, StoryEntry),
    )


def _sync_sequences(session: Session) -> None:
    """PostgreSQL: moves id sequences past the explicit ids the large demo wrote.

    SQLite picks the next id from the table itself; PostgreSQL's sequences do
    not see explicit ids and would hand out ones already taken.
    """
    if session.get_bind().dialect.name != "postgresql":
        return
    for table in Base.metadata.sorted_tables:
        if "id" in table.c and table.c.id.primary_key and table.c.id.autoincrement:
            session.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                    f"COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM {table.name}"
                )
            )
