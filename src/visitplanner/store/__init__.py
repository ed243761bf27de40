"""Persistence: engine, ORM mappings, migrations, backups. No Qt here."""
