"""How free text is found to name a person: photos' captions, story entries, debriefs.

Photos carry no list of who is on them and story entries are free text, so the access
report, the erasure and the documents' consent rules all look for the person's name
the same way, here.
"""

from __future__ import annotations

import re

from visitplanner.domain.text import fold
from visitplanner.store.models import Person


def name_keys(person: Person) -> tuple[str, ...]:
    """The folded forms of the person's name that mark a mention of them in free text.

    "Given Family" and "Family Given"; the family name alone would find namesakes.
    """
    keys = {fold(person.full_name), fold(f"{person.family_name} {person.given_name or ''}")}
    if person.email:
        keys.add(fold(person.email))
    return tuple(sorted(k for k in keys if k))


_WORD = re.compile(r"\w+")


def _words(folded: str) -> str:
    return " " + " ".join(_WORD.findall(folded)) + " "


def mentions(text: str | None, keys: tuple[str, ...]) -> bool:
    """True when ``text`` names the person: the name as whole words (folded, punctuation
    ignored: "Nguyễn." at the end of a sentence counts), or the e-mail address."""
    folded = fold(text)
    if not folded:
        return False
    words = _words(folded)
    return any(key in folded if "@" in key else _words(key) in words for key in keys)
