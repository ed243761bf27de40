"""Alembic environment: runs on the connection the application hands it."""

from alembic import context

from visitplanner.store.models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - migrations are always run from code
    raise RuntimeError("Visit Planner runs its migrations from code, with a connection.")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
