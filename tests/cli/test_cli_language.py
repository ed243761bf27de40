"""The whole command line in French with ``--lang fr`` or a French locale, argparse's words too;
and a help line for every option of every command."""

from __future__ import annotations

import argparse
import subprocess
import sys

import pytest

from visitplanner.cli.main import build_parser
from visitplanner.i18n import set_language

# What argparse says in English when its words are not translated.
ENGLISH = (
    "usage:",
    "options:",
    "positional arguments:",
    "show this help message and exit",
    "the following arguments are required",
    "invalid choice",
    "error:",
)


def _parsers(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()):
    """Every parser and sub-parser, with the words that reach it."""
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                yield from _parsers(child, (*path, name))


def test_help_is_french_including_argparse_words(vp):
    result = vp("--lang", "fr", "--help")
    assert result.code == 0
    assert result.out.startswith("utilisation\u00a0: visitplanner")
    assert "options\u00a0:" in result.out
    assert "afficher ce message d’aide et quitter" in result.out
    assert "afficher le numéro de version et quitter" in result.out
    assert "langue des messages" in result.out
    for english in ENGLISH:
        assert english not in result.out, english


def test_usage_errors_are_french(vp):
    missing = vp("--lang", "fr", "event", "add", "--kind", "visit")
    assert missing.code == 2
    assert "utilisation\u00a0: visitplanner event add" in missing.err
    assert "visitplanner event add\u00a0: erreur\u00a0:" in missing.err
    assert "les arguments suivants sont obligatoires\u00a0: --title, --start, --end" in missing.err
    wrong = vp("--lang", "fr", "list", "planets")
    assert wrong.code == 2
    assert (
        "argument KIND\u00a0: choix invalide\u00a0: 'planets' (choisir parmi 'dynamics'"
        in wrong.err
    )
    unknown = vp("--lang", "fr", "list", "people", "--colour")
    assert "arguments non reconnus\u00a0: --colour" in unknown.err
    bad_number = vp("--lang", "fr", "pdf", "attendance", "1", "--out", "x.pdf", "--blank-rows", "x")
    assert "valeur int invalide\u00a0: 'x'" in bad_number.err
    for result in (missing, wrong, unknown, bad_number):
        assert result.out == ""
        for english in ENGLISH:
            assert english not in result.err, (english, result.err)


def test_a_french_locale_is_enough(vp, monkeypatch):
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    result = vp("people", "--help")
    assert result.out.startswith("utilisation\u00a0: visitplanner people")
    assert "options\u00a0:" in result.out


def test_english_stays_english(vp):
    result = vp("--lang", "en", "event", "add")
    assert "usage: visitplanner event add" in result.err
    assert "the following arguments are required: --kind, --title, --start, --end" in result.err


def test_messages_and_refusals_are_french(vpdb, refused):
    created = vpdb("--lang", "fr", "dynamic", "add", "--name", "Pôle", "--kind", "ptce")
    assert created.out == "Dynamique n°\u00a01 créée\u00a0: Pôle.\n"
    vpdb("person", "add", "--given-name", "Marie", "--family-name", "Dupont")
    vpdb("person", "add", "--given-name", "Marie", "--family-name", "Dupont")
    refused(
        vpdb("--lang", "fr", "host", "add", "--name", "Atelier", "--dynamic", "Nulle part"),
        "Aucune dynamique ne correspond à «\u00a0Nulle part\u00a0».",
    )
    refused(
        vpdb("--lang", "fr", "event", "add", "--kind", "visit", "--title", "V", "--start",
             "2027-07-01", "--end", "2027-07-01", "--all-day", "--organiser", "marie dupont"),
        "«\u00a0marie dupont\u00a0» désigne plusieurs personnes\u00a0: 1 (Marie Dupont)\u00a0; 2",
    )  # fmt: skip
    refused(
        vpdb("--lang", "fr", "config", "set", "organiser_email", "x@"),
        "organiser_email\u00a0:",
        "adresse électronique valide",
    )


@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_option_of_every_command_has_a_help_line(language):
    set_language(language)
    try:
        missing = []
        for path, parser in _parsers(build_parser()):
            for action in parser._actions:
                if isinstance(action, argparse._SubParsersAction):
                    missing += [
                        (*path, choice.dest)
                        for choice in action._choices_actions
                        if not (choice.help or "").strip()
                    ]
                elif not (action.help or "").strip():
                    missing.append(
                        (*path, action.option_strings[0] if action.option_strings else action.dest)
                    )
            if language == "fr":
                text = parser.format_help()
                for english in ENGLISH:
                    assert english not in text, (path, english)
        assert missing == []
    finally:
        set_language("en")


def test_french_help_from_a_real_process():
    """The installed entry point, as a shell runs it: no traceback, French throughout."""
    done = subprocess.run(
        [sys.executable, "-m", "visitplanner", "--lang", "fr", "event", "edit", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("utilisation\u00a0: visitplanner event edit")
    assert "journées entières" in done.stdout
    assert "l’organisateur ou l’organisatrice" in done.stdout


def test_a_second_import_of_the_same_file_says_nothing_was_imported(vpdb, tmp_path):
    table = tmp_path / "people.csv"
    table.write_text(
        "Nom;Prénom;Courriel\nLefèvre;Hélène;h@x.fr\nMartin;Marc;m@x.fr\nDurand;Léa;l@x.fr\n",
        encoding="utf-8",
    )
    assert vpdb("--lang", "fr", "people", "import", table).out == "3 personnes importées.\n"
    again = vpdb("--lang", "fr", "people", "import", table)
    assert (again.code, again.err) == (0, "")
    assert again.out == ("Aucune personne importée\u00a0: les 3 sont déjà dans le catalogue.\n")
