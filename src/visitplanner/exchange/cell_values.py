"""Reading the text of a cell as a person's value: names, enumerations in either language.

Spreadsheets hold what people typed: "Accepté", "acceptee", "PME", "Habitante",
"DUPONT Hélène". These helpers turn such text into the catalogue's codes and
fields, and refuse with the same kind of message as the person form.
"""

from __future__ import annotations

import functools
import gettext

from visitplanner.domain.enums import LabelledEnum
from visitplanner.domain.errors import ValidationError
from visitplanner.domain.text import fold
from visitplanner.i18n import _, current_language


def optional_choice(enum: type[LabelledEnum], value: str | None, field_name: str) -> str | None:
    return read_choice(enum, value, field_name) if value else None


def split_full_name(text: str) -> tuple[str | None, str]:
    """(given name, family name) of "Hélène Dupont", "DUPONT Hélène" or "Jean de La Tour".

    French lists often write the family name first in capitals; otherwise the
    family name is the last word.
    """
    words = text.split()
    if not words:
        return None, ""
    upper = 0
    while upper < len(words) and _is_capitals(words[upper]):
        upper += 1
    if 0 < upper < len(words):
        return " ".join(words[upper:]), " ".join(words[:upper])
    if len(words) == 1:
        return None, words[0]
    return " ".join(words[:-1]), words[-1]


def _is_capitals(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


# Feminine and everyday spellings met in real lists, beyond the codes and the labels.
_EXTRA_SPELLINGS: dict[str, tuple[str, ...]] = {
    "inhabitant": ("habitant", "habitante", "citoyen", "citoyenne"),
    "local_authority": ("collectivite territoriale", "collectivite locale", "mairie"),
    "sse": ("ess", "economie sociale et solidaire"),
    "micro_company": ("tpe", "microentreprise"),
    "invited": ("invitee",),
    "accepted": ("acceptee", "inscrit", "inscrite", "confirme", "confirmee"),
    "declined": ("declinee", "refuse", "refusee", "excuse", "excusee"),
    "waitlisted": ("en attente", "waiting list", "waitlist"),
    "organiser": ("organisatrice", "organizer"),
    "host": ("accueillante",),
    "speaker": ("intervenante",),
    "participant": ("participante",),
    "observer": ("observatrice",),
}


def _spelling(text: str) -> str:
    return fold(text).replace(" ", "")


@functools.cache
def _french() -> gettext.NullTranslations:
    """French labels whatever the interface language: French files reach English windows."""
    from visitplanner.i18n import translation_for

    try:
        return translation_for("fr")
    except Exception:  # a missing or unreadable catalogue only costs the French labels
        return gettext.NullTranslations()


@functools.cache
def _choices(enum: type[LabelledEnum], language: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for member in enum:
        english = member.english_label
        spellings = (member.value, english, member.label, _french().gettext(english))
        for spelling in (*spellings, *_EXTRA_SPELLINGS.get(member.value, ())):
            found.setdefault(_spelling(spelling), member.value)
    return found


def read_choice(enum: type[LabelledEnum], value: str, field_name: str) -> str:
    """The code for a code or label in French or English, ignoring case and accents."""
    code = _choices(enum, current_language()).get(_spelling(value))
    if code is None:
        labels = ", ".join(member.label for member in enum)
        raise ValidationError(
            field_name, _("“{value}” is not one of: {choices}.").format(value=value, choices=labels)
        )
    return code
