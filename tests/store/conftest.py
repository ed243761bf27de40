"""The store's tests run on SQLite and on PostgreSQL (tests/backends.py)."""

from backends import backend, catalogue, db, postgres_catalogue_template, postgres_copies

__all__ = ["backend", "catalogue", "db", "postgres_catalogue_template", "postgres_copies"]
