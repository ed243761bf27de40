"""Alembic, driven from code: the migration scripts ship inside the package."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import Engine

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config(connection: object | None = None):  # -> alembic.config.Config
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Runs the migrations in one transaction.

    On SQLite, batch mode rebuilds a table (copy, ``DROP``, rename), and with foreign
    keys on, ``DROP TABLE`` deletes the rows first, so ``ON DELETE CASCADE`` would empty
    every child table (rebuilding ``participations`` emptied ``attendance``). Foreign
    keys are therefore off while the scripts run, as SQLite's ALTER TABLE procedure asks,
    and ``foreign_key_check`` must find nothing before the work is committed.
    """
    from alembic import command

    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            # Outside any transaction, or SQLite ignores the pragma.
            connection.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")
        try:
            with connection.begin():
                command.upgrade(alembic_config(connection), revision)
                if sqlite:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
                    if broken:
                        from visitplanner.domain.errors import CatalogueError
                        from visitplanner.i18n import _

                        raise CatalogueError(
                            _(
                                "Upgrading the catalogue would leave {n} records pointing at "
                                "records that do not exist; it was left as it was."
                            ).format(n=len(broken))
                        )
        finally:
            if sqlite:
                connection.connection.driver_connection.execute("PRAGMA foreign_keys=ON")


def script_heads() -> tuple[str, ...]:
    from alembic.script import ScriptDirectory

    return tuple(ScriptDirectory.from_config(alembic_config()).get_heads())


def script_revisions() -> tuple[str, ...]:
    """All revisions, oldest first."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    return tuple(rev.revision for rev in reversed(list(script.walk_revisions())))
