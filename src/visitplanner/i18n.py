"""Translations for everything the user reads.

Catalogues live as ``.po`` files under ``resources/locale``. Installed builds
ship compiled ``.mo`` files; a development checkout compiles them on first use
into the user's cache folder (Babel is imported only then), so the repository
never carries generated files.
"""

from __future__ import annotations

import gettext
import locale
import os
from pathlib import Path

from visitplanner.resources import frozen_root, resource_path

DOMAIN = "visitplanner"
LANGUAGES = ("fr", "en")
DEFAULT_LANGUAGE = "fr"

_translation: gettext.NullTranslations = gettext.NullTranslations()
_current = "en"


def N_(message: str) -> str:
    """Marks a string for extraction without translating it yet (enum labels)."""
    return message


def _(message: str) -> str:
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translation.ngettext(singular, plural, n)


def current_language() -> str:
    return _current


def document_language(choice: str | None) -> str:
    """A document's language: the one asked for, else the one the messages speak (``--lang``)."""
    return choice or _current


def number(value: int | float, language: str | None = None) -> str:
    """A count as the language writes it: « 100 000 » in French, "100,000" in English.

    French groups thousands with a narrow no-break space (U+202F), as Babel's CLDR data
    and QLocale give it, so a number never breaks across two lines. Every count the
    window, the status line and the documents show goes through here.
    """
    from babel.numbers import format_decimal

    return format_decimal(value, locale=language or _current)


def system_language() -> str:
    """The user's language from the environment, narrowed to the ones we ship."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANGUAGE", "LANG"):
        value = os.environ.get(var, "")
        if value and value not in ("C", "POSIX", "C.UTF-8"):
            code = value.split(":")[0].split("_")[0].split(".")[0].lower()
            return code if code in LANGUAGES else "en"
    try:
        code = (locale.getlocale()[0] or "").split("_")[0].lower()
    except ValueError:
        code = ""
    return code if code in LANGUAGES else DEFAULT_LANGUAGE


def _compiled_catalogue(language: str) -> Path | None:
    base = resource_path("locale") / language / "LC_MESSAGES"
    mo = base / f"{DOMAIN}.mo"
    if frozen_root() is not None:
        # A frozen build ships the .mo files compiled at build time, never compiles any.
        return mo if mo.exists() else None
    po = base / f"{DOMAIN}.po"
    if mo.exists() and (not po.exists() or mo.stat().st_mtime >= po.stat().st_mtime):
        return mo
    if not po.exists():
        return None
    from platformdirs import user_cache_path

    cached = user_cache_path("visitplanner") / "locale" / language / f"{DOMAIN}.mo"
    if cached.exists() and cached.stat().st_mtime >= po.stat().st_mtime:
        return cached
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as fh:
        catalogue = read_po(fh, locale=language)
    from visitplanner.atomic_files import atomic_output

    cached.parent.mkdir(parents=True, exist_ok=True)
    with atomic_output(cached, "wb") as fh:
        write_mo(fh, catalogue)
    return cached


def set_language(language: str | None) -> str:
    """Activates ``language`` (``None`` or ``"system"``: the system's); returns the code used."""
    global _translation, _current
    code = system_language() if language in (None, "", "system") else language
    if code not in LANGUAGES:
        code = DEFAULT_LANGUAGE
    mo = _compiled_catalogue(code)
    if mo is None:
        _translation = gettext.NullTranslations()
    else:
        with mo.open("rb") as fh:
            _translation = gettext.GNUTranslations(fh)
    _current = code
    return code


def translation_for(language: str) -> gettext.NullTranslations:
    """The catalogue of one language, loaded beside the interface's, never replacing it.

    ``set_language`` switches the whole process; an e-mail or a printed document
    is in the language chosen for it, whatever the interface shows. A language
    the application does not ship falls back to English, the source text.
    """
    if language not in LANGUAGES:
        return gettext.NullTranslations()
    if language not in _by_language:
        mo = _compiled_catalogue(language)
        if mo is None:
            return gettext.NullTranslations()
        with mo.open("rb") as fh:
            _by_language[language] = gettext.GNUTranslations(fh)
    return _by_language[language]


_by_language: dict[str, gettext.NullTranslations] = {}
