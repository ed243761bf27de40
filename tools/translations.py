"""Keeps the translation catalogues in step with the code.

    python tools/translations.py update   extract strings, merge into fr/en .po files
    python tools/translations.py check    exit 1 if a catalogue misses or has stale strings

English is the source language; its catalogue is filled with the source text
so that both catalogues are complete and reviewed the same way.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "src" / "visitplanner"
LOCALE = ROOT / "resources" / "locale"
LANGUAGES = ("fr", "en")
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}


def extract() -> Catalog:
    template = Catalog(project="Visit Planner", charset="utf-8")
    for filename, lineno, message, comments, context in extract_from_dir(
        str(SOURCE), method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        template.add(
            message,
            locations=[(f"src/visitplanner/{filename}", lineno)],
            auto_comments=comments,
            context=context,
        )
    return template


def po_path(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / "visitplanner.po"


def load(language: str) -> Catalog:
    path = po_path(language)
    if not path.exists():
        return Catalog(locale=language, project="Visit Planner", charset="utf-8")
    with path.open("rb") as fh:
        return read_po(fh, locale=language)


def update() -> None:
    template = extract()
    for language in LANGUAGES:
        catalogue = load(language)
        catalogue.update(template, no_fuzzy_matching=True)
        catalogue.obsolete.clear()
        if language == "en":
            for message in catalogue:
                if not message.id:
                    continue
                if message.pluralizable and not all(message.string or ()):
                    message.string = tuple(message.id)
                elif not message.pluralizable and not message.string:
                    message.string = message.id
        path = po_path(language)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as fh:
            write_po(fh, catalogue, width=100, sort_output=False, include_previous=False)
        print(f"{path.relative_to(ROOT)}: {len(catalogue)} messages")


def problems() -> list[str]:
    wanted = {m.id for m in extract() if m.id}
    found = []
    for language in LANGUAGES:
        catalogue = load(language)
        have = {m.id: m for m in catalogue if m.id}
        for msgid in sorted(wanted, key=str):
            message = have.get(msgid)
            if message is None:
                found.append(f"{language}: missing {msgid!r}")
            elif not message.string or (
                isinstance(message.string, tuple) and not all(message.string)
            ):
                found.append(f"{language}: untranslated {msgid!r}")
            elif message.fuzzy:
                found.append(f"{language}: fuzzy {msgid!r}")
    return found


def main(argv: list[str]) -> int:
    if argv[1:] == ["update"]:
        update()
        return 0
    if argv[1:] == ["check"]:
        issues = problems()
        print("\n".join(issues) or "translations complete")
        return 1 if issues else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
