"""The schema revisions this version knows, without importing Alembic.

Start-up compares the catalogue's revision with ``HEAD_REVISION`` and imports
Alembic only when an upgrade is needed. A test checks these constants against
the migration scripts, so they cannot drift.
"""

KNOWN_REVISIONS: tuple[str, ...] = (
    "0001",
    "0002",
    "0003",
    "0004",
    "0005",
    "0006",
    "0007",
    "0008",
    "0009",
)
HEAD_REVISION = KNOWN_REVISIONS[-1]
