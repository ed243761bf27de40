"""Leaving no deleted personal data in a SQLite catalogue's file or its write-ahead log.

After an erasure, or a story redaction applied from the shared folder, the deleted rows'
text may still sit in freed pages of the file and in the WAL. Checkpoint, VACUUM,
checkpoint again: every page is rewritten and the WAL emptied.
"""

from __future__ import annotations

import logging
import sqlite3

from visitplanner.store.database import Catalogue

log = logging.getLogger(__name__)


def compact(catalogue: Catalogue) -> bool:
    """True once done; False for a server catalogue or when another reader holds the file."""
    if catalogue.engine.dialect.name != "sqlite":
        return False
    # On the DB-API connection itself: the engine's "begin" hook would wrap each
    # statement in a transaction, and VACUUM refuses to run inside one.
    try:
        raw = catalogue.engine.raw_connection()
        try:
            cursor = raw.cursor()
            for statement in (
                "PRAGMA secure_delete = ON",
                "PRAGMA wal_checkpoint(TRUNCATE)",
                "VACUUM",
                "PRAGMA wal_checkpoint(TRUNCATE)",
            ):
                cursor.execute(statement)
            cursor.close()
        finally:
            raw.close()
    except sqlite3.Error:  # busy: another reader holds the file; the next one retries
        log.warning("could not compact %s", catalogue.label, exc_info=True)
        return False
    return True
