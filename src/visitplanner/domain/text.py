"""Text folding so that "helene" finds "Hélène" and "cluster jura" finds "Clus'ter Jura".

The same folding is applied when a record is saved (into its ``search_key``
column) and to what the user types, so search is a plain SQL ``LIKE`` on an
indexed column and runs the same way on SQLite and PostgreSQL.
"""

from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = re.compile(r"['’ʼ`´]")
_NON_WORD = re.compile(r"[^0-9a-z@._+-]+")
_SPECIAL = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "đ": "d", "ł": "l", "ı": "i"})


def fold(text: str | None) -> str:
    """Lower-case, accent-free, punctuation-light form of ``text`` for matching."""
    if not text:
        return ""
    lowered = text.casefold().translate(_SPECIAL)
    decomposed = unicodedata.normalize("NFKD", lowered)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    stripped = _APOSTROPHES.sub("", stripped)
    return " ".join(_NON_WORD.sub(" ", stripped).split())


def search_terms(query: str | None) -> list[str]:
    """The folded words of a query; every one must appear in a record's key."""
    return fold(query).split()


def search_key(*parts: str | None) -> str:
    return " ".join(p for p in (fold(part) for part in parts) if p)
