"""consent records: dated consents with a purpose and a scope replace the people's flags

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 12:20:00

Each ``consent_photos`` / ``consent_quotes`` flag that was set becomes a record given on
``consent_date`` (or, without one, on the day the person was created), for the scope the
flag was used for until now: documents for funders and partners (printed debriefs,
booklets), which covers the shared story too. A flag that was not set leaves no record:
nothing says whether it was refused or never asked. Then the three columns go.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from visitplanner.store.types import UTCDateTime

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NOTE = "Recorded before dated consents existed (catalogue upgrade)."


def upgrade() -> None:
    op.create_table(
        "consents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("purpose", sa.String(length=16), nullable=False),
        sa.Column("scope", sa.String(length=16), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.Column("given_on", sa.Date(), nullable=False),
        sa.Column("withdrawn_on", sa.Date(), nullable=True),
        sa.Column("recorded_by", sa.String(length=200), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("withdrawal_note", sa.Text(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.CheckConstraint(
            "purpose IN ('photos', 'quotes', 'story_naming')",
            name=op.f("ck_consents_purpose_valid"),
        ),
        sa.CheckConstraint(
            "scope IN ('internal', 'partners', 'public')", name=op.f("ck_consents_scope_valid")
        ),
        sa.CheckConstraint(
            "withdrawn_on IS NULL OR withdrawn_on >= given_on",
            name=op.f("ck_consents_withdrawn_after_given"),
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_consents_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_consents_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consents")),
    )
    with op.batch_alter_table("consents", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_consents_event_id"), ["event_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_consents_person_purpose"), ["person_id", "purpose"], unique=False
        )

    # The flags, as records; created_at is the person's own (stored as naive UTC).
    sqlite = op.get_bind().dialect.name == "sqlite"
    created_day = "date(created_at)" if sqlite else "CAST(created_at AS DATE)"
    for purpose in ("photos", "quotes"):
        op.execute(
            sa.text(
                "INSERT INTO consents (person_id, purpose, scope, given_on, note, created_at) "
                f"SELECT id, '{purpose}', 'partners', COALESCE(consent_date, {created_day}), "
                f":note, created_at FROM people WHERE consent_{purpose} AND erased_at IS NULL "
                "ORDER BY id"
            ).bindparams(note=NOTE)
        )
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.drop_column("consent_date")
        batch_op.drop_column("consent_quotes")
        batch_op.drop_column("consent_photos")


def downgrade() -> None:
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("consent_photos", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(
            sa.Column("consent_quotes", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(sa.Column("consent_date", sa.Date(), nullable=True))
    for purpose in ("photos", "quotes"):
        op.execute(
            sa.text(
                f"UPDATE people SET consent_{purpose} = EXISTS (SELECT 1 FROM consents c "
                f"WHERE c.person_id = people.id AND c.purpose = '{purpose}' "
                "AND c.withdrawn_on IS NULL AND c.event_id IS NULL)"
            )
        )
    op.execute(
        sa.text(
            "UPDATE people SET consent_date = (SELECT max(COALESCE(c.withdrawn_on, c.given_on)) "
            "FROM consents c WHERE c.person_id = people.id)"
        )
    )
    with op.batch_alter_table("consents", schema=None) as batch_op:
        batch_op.drop_index("ix_consents_person_purpose")
        batch_op.drop_index("ix_consents_event_id")
    op.drop_table("consents")
