"""Project-level promises: the README's commands, CI and translations stay true."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```sh\n(.+?)\n```", text, flags=re.S)


def test_ci_runs_the_readme_test_command() -> None:
    test_command = next(c for c in _readme_commands() if "pytest" in c)
    assert test_command in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_readme_install_command_starts_the_app() -> None:
    assert any(c.endswith("visitplanner") and "pip install -e ." in c for c in _readme_commands())


def test_french_and_english_catalogues_are_complete() -> None:
    path = ROOT / "tools" / "translations.py"
    spec = importlib.util.spec_from_file_location("translations", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.problems() == []
