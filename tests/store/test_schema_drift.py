"""The migrated schema is the models' schema, CHECK constraints included, on both engines.

Alembic's ``compare_metadata`` sees columns, indexes, foreign keys and unique
constraints but not CHECK constraints, and a CHECK is where the product's rules
live (enumerations, ``end >= start``, the waiting-list shape). So each engine
builds two databases, one from the models (``create_all``) and one from the
migrations (``upgrade head``), and the test compares what the engine itself
reports about both: the same normaliser (SQLite's stored SQL, PostgreSQL's
``pg_get_constraintdef``) reads either side, so only a real difference shows.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import CheckConstraint, inspect, text
from sqlalchemy.engine import URL, Connection, Engine

from visitplanner.store import migrate
from visitplanner.store import revision_ids as schema
from visitplanner.store.database import make_engine
from visitplanner.store.models import Base


def _sql(value: str | None) -> str:
    """SQL text with quoting and spacing made uniform (``"name"`` and name are the same)."""
    value = (value or "").replace('"', "")
    value = re.sub(r"\s+", " ", value).strip()
    while value.startswith("(") and value.endswith(")") and _balanced(value[1:-1]):
        value = value[1:-1].strip()
    return value


def _balanced(value: str) -> bool:
    depth = 0
    for char in value:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


def _check_constraints(conn: Connection, table: str) -> set[tuple[str, str]]:
    """The table's CHECKs as the engine stores them (sqlite_master or pg_constraint)."""
    if conn.dialect.name == "postgresql":
        rows = conn.execute(
            text(
                "SELECT c.conname, pg_get_constraintdef(c.oid) FROM pg_constraint c "
                "JOIN pg_class t ON t.oid = c.conrelid "
                "WHERE c.contype = 'c' AND t.relname = :table"
            ),
            {"table": table},
        )
        return {(name, _sql(definition.removeprefix("CHECK "))) for name, definition in rows}
    return {
        (check["name"], _sql(check["sqltext"]))
        for check in inspect(conn).get_check_constraints(table)
    }


def fingerprint(conn: Connection) -> dict[str, dict[str, object]]:
    """Everything about each table that a migration could get wrong."""
    inspector = inspect(conn)
    tables: dict[str, dict[str, object]] = {}
    for table in inspector.get_table_names():
        if table == "alembic_version":
            continue
        tables[table] = {
            "columns": sorted(
                (
                    col["name"],
                    str(col["type"].compile(dialect=conn.dialect)),
                    col["nullable"],
                    _sql(str(col["default"])) if col.get("default") is not None else None,
                )
                for col in inspector.get_columns(table)
            ),
            "primary key": inspector.get_pk_constraint(table),
            "foreign keys": sorted(
                (
                    fk["name"],
                    tuple(fk["constrained_columns"]),
                    fk["referred_table"],
                    tuple(fk["referred_columns"]),
                    tuple(sorted((fk.get("options") or {}).items())),
                )
                for fk in inspector.get_foreign_keys(table)
            ),
            "indexes": sorted(
                (
                    ix["name"],
                    tuple(map(str, ix.get("expressions") or ix["column_names"])),
                    bool(ix["unique"]),
                    # Partial indexes: the WHERE clause is part of the index.
                    tuple(sorted((k, _sql(str(v))) for k, v in ix["dialect_options"].items()))
                    if ix.get("dialect_options")
                    else (),
                )
                for ix in inspector.get_indexes(table)
            ),
            "unique constraints": sorted(
                (uq["name"], tuple(uq["column_names"]))
                for uq in inspector.get_unique_constraints(table)
            ),
            "checks": sorted(_check_constraints(conn, table)),
        }
    return tables


def differences(models: dict, migrated: dict) -> list[str]:
    found = [f"table {t} only in the models" for t in sorted(set(models) - set(migrated))]
    found += [f"table {t} only in the migrations" for t in sorted(set(migrated) - set(models))]
    for table in sorted(set(models) & set(migrated)):
        for aspect, wanted in models[table].items():
            got = migrated[table][aspect]
            if wanted == got:
                continue
            if isinstance(wanted, list):
                for item in sorted(set(map(repr, wanted)) - set(map(repr, got))):
                    found.append(f"{table} {aspect}: models have {item}, migrations do not")
                for item in sorted(set(map(repr, got)) - set(map(repr, wanted))):
                    found.append(f"{table} {aspect}: migrations have {item}, models do not")
            else:
                found.append(f"{table} {aspect}: models {wanted!r}, migrations {got!r}")
    return found


def declared_checks() -> set[tuple[str, str]]:
    """(table, constraint name) of every CheckConstraint the models declare."""
    names = set()
    for table in Base.metadata.tables.values():
        for constraint in table.constraints:
            if isinstance(constraint, CheckConstraint):
                names.add((table.name, str(constraint.name)))
    return names


def assert_same_schema(models_engine: Engine, migrated_engine: Engine) -> None:
    Base.metadata.create_all(models_engine)
    migrate.upgrade(migrated_engine)
    with models_engine.connect() as conn:
        from_models = fingerprint(conn)
    with migrated_engine.connect() as conn:
        from_migrations = fingerprint(conn)
        context = MigrationContext.configure(
            conn, opts={"compare_type": True, "render_as_batch": True}
        )
        alembic_diff = compare_metadata(context, Base.metadata)
        revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()

    assert revision == schema.HEAD_REVISION
    # The reader really sees the CHECKs: every declared one is found by name.
    reflected = {
        (table, name) for table, shape in from_models.items() for name, _ in shape["checks"]
    }
    assert reflected == declared_checks()
    assert differences(from_models, from_migrations) == []
    assert alembic_diff == []


@pytest.fixture
def two_sqlite_engines(tmp_path) -> Iterator[tuple[Engine, Engine]]:
    engines = tuple(
        make_engine(URL.create("sqlite+pysqlite", database=str(tmp_path / f"{name}.sqlite")))
        for name in ("models", "migrated")
    )
    yield engines
    for engine in engines:
        engine.dispose()


@pytest.fixture
def two_postgres_engines(postgres_server) -> Iterator[tuple[Engine, Engine]]:
    from sqlalchemy.engine import make_url

    import postgres

    urls = [postgres.new_database(postgres_server) for _ in range(2)]
    engines = tuple(make_engine(make_url(url)) for url in urls)
    yield engines
    for engine, url in zip(engines, urls, strict=True):
        engine.dispose()
        postgres.drop_database(url)


def test_sqlite_migrations_build_the_models_schema(two_sqlite_engines):
    assert_same_schema(*two_sqlite_engines)


def test_postgresql_migrations_build_the_models_schema(two_postgres_engines):
    assert_same_schema(*two_postgres_engines)


def test_a_changed_check_is_seen_as_drift(two_sqlite_engines):
    """The comparison is not blind: a CHECK edited after migrating is reported."""
    models, migrated = two_sqlite_engines
    Base.metadata.create_all(models)
    migrate.upgrade(migrated)
    with migrated.begin() as conn:
        conn.execute(text("PRAGMA foreign_keys = OFF"))
        conn.execute(text("DROP TABLE IF EXISTS _probe"))
        conn.execute(text("ALTER TABLE hosts RENAME TO _probe"))
        sql = conn.execute(
            text("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = '_probe'")
        ).scalar()
        sql = sql.replace("length(country) = 2", "length(country) >= 2")
        conn.execute(text(sql.replace("_probe", "hosts", 1)))
        conn.execute(text("DROP TABLE _probe"))
    with models.connect() as a, migrated.connect() as b:
        found = differences(fingerprint(a), fingerprint(b))
    assert any("ck_hosts_country_code" in line and "length(country) >= 2" in line for line in found)
