"""invitation cycle: issued sequence, reply order, delegation, notices

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02 09:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import visitplanner.store.types

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_STATUSES_OLD = "'invited', 'accepted', 'tentative', 'declined', 'waitlisted'"
_STATUSES_NEW = _STATUSES_OLD + ", 'delegated'"
_METHODS_OLD = "'REQUEST', 'CANCEL'"
_METHODS_NEW = _METHODS_OLD + ", 'NOTICE'"
_PURPOSE = "purpose IS NULL OR purpose IN ('waitlisted', 'promoted', 'removed')"


def upgrade() -> None:
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("issued_sequence", sa.Integer(), nullable=True))

    with op.batch_alter_table("participations", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("reply_dtstamp", visitplanner.store.types.UTCDateTime(), nullable=True)
        )
        batch_op.add_column(sa.Column("delegated_from", sa.String(length=320), nullable=True))
        batch_op.drop_constraint(op.f("ck_participations_status_valid"), type_="check")
        batch_op.create_check_constraint("status_valid", f"status IN ({_STATUSES_NEW})")

    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.add_column(sa.Column("purpose", sa.String(length=16), nullable=True))
        batch_op.drop_constraint(op.f("ck_outbox_method_valid"), type_="check")
        batch_op.create_check_constraint("method_valid", f"method IN ({_METHODS_NEW})")
        batch_op.create_check_constraint("purpose_valid", _PURPOSE)

    _mark_issued_events()


def _mark_issued_events() -> None:
    """Events whose invitations already left (queued, sent) count as issued at their SEQUENCE,
    so their next significant change raises it, as before this revision."""
    bind = op.get_bind()
    events = sa.table(
        "events",
        sa.column("id", sa.Integer),
        sa.column("sequence", sa.Integer),
        sa.column("issued_sequence", sa.Integer),
    )
    participations = sa.table(
        "participations",
        sa.column("event_id", sa.Integer),
        sa.column("invited_at", visitplanner.store.types.UTCDateTime()),
    )
    outbox = sa.table("outbox", sa.column("event_id", sa.Integer))
    invited = sa.exists().where(
        participations.c.event_id == events.c.id, participations.c.invited_at.is_not(None)
    )
    queued = sa.exists().where(outbox.c.event_id == events.c.id)
    bind.execute(
        events.update().where(sa.or_(invited, queued)).values(issued_sequence=events.c.sequence)
    )


def downgrade() -> None:
    bind = op.get_bind()
    bind.execute(sa.text("DELETE FROM outbox WHERE method = 'NOTICE'"))
    bind.execute(
        sa.text("UPDATE participations SET status = 'declined' WHERE status = 'delegated'")
    )
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_outbox_purpose_valid"), type_="check")
        batch_op.drop_constraint(op.f("ck_outbox_method_valid"), type_="check")
        batch_op.create_check_constraint("method_valid", f"method IN ({_METHODS_OLD})")
        batch_op.drop_column("purpose")

    with op.batch_alter_table("participations", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_participations_status_valid"), type_="check")
        batch_op.create_check_constraint("status_valid", f"status IN ({_STATUSES_OLD})")
        batch_op.drop_column("delegated_from")
        batch_op.drop_column("reply_dtstamp")

    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_column("issued_sequence")
