"""The settings file's version: written, read, older files migrated, newer files kept."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import pytest

from visitplanner import settings_versions
from visitplanner.settings import SETTINGS_VERSION, Settings, load_settings, save_settings


def _write(path: Path, data: dict[str, Any]) -> None:
    path.write_text(json.dumps(data), encoding="utf-8")


def _read(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def test_the_version_is_written(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    save_settings(Settings(language="fr"), path)
    assert _read(path)["version"] == SETTINGS_VERSION == settings_versions.current_version()
    assert "kept_unknown" not in _read(path)
    assert load_settings(path) == Settings(language="fr")


def test_an_older_file_is_migrated_step_by_step(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two later versions: one renamed a field, the next retyped it; a version-1 file
    goes through both, in order, and is saved in the newest shape."""

    def renamed(data: dict[str, Any]) -> dict[str, Any]:
        data["organiser_name"] = data.pop("organizer", "")
        return data

    def retyped(data: dict[str, Any]) -> dict[str, Any]:
        data["smtp_port"] = int(data["smtp_port"])
        return data

    monkeypatch.setattr(settings_versions, "STEPS", {1: renamed, 2: retyped})
    path = tmp_path / "settings.json"
    _write(path, {"version": 1, "organizer": "Hélène", "smtp_port": "465", "language": "fr"})

    settings = load_settings(path)

    assert settings.organiser_name == "Hélène"
    assert settings.smtp_port == 465
    assert settings.language == "fr"
    assert settings.version == 3
    save_settings(settings, path)
    saved = _read(path)
    assert saved["version"] == 3
    assert "organizer" not in saved


def test_a_file_without_a_version_is_the_first_shape(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[int] = []

    def step(data: dict[str, Any]) -> dict[str, Any]:
        seen.append(1)
        return data

    monkeypatch.setattr(settings_versions, "STEPS", {1: step})
    path = tmp_path / "settings.json"
    _write(path, {"language": "en"})
    assert load_settings(path).version == 2
    assert seen == [1]


def test_a_newer_file_is_read_and_its_unknown_keys_kept(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "settings.json"
    newer = SETTINGS_VERSION + 1
    _write(
        path,
        {
            "version": newer,
            "language": "fr",
            "backup_keep": 3,
            "calendar_colours": {"visit": "#2e7d32"},
            "extra": {"pages": {"people": {"splitter": "AAA"}}, "future": True},
        },
    )

    with caplog.at_level(logging.WARNING):
        settings = load_settings(path)

    assert "newer release" in caplog.text
    assert settings.language == "fr"
    assert settings.backup_keep == 3
    settings.organiser_name = "Hélène"
    save_settings(settings, path)
    saved = _read(path)
    assert saved["version"] == newer
    assert saved["calendar_colours"] == {"visit": "#2e7d32"}
    assert saved["extra"]["future"] is True
    assert saved["organiser_name"] == "Hélène"
    assert "kept_unknown" not in saved


@pytest.mark.parametrize("version", ["two", None, 0, -1, 1.5, True, [1]])
def test_an_unreadable_version_gives_the_defaults(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, version: object
) -> None:
    path = tmp_path / "settings.json"
    _write(path, {"version": version, "language": "fr"})
    with caplog.at_level(logging.WARNING):
        assert load_settings(path) == Settings()
    assert "not a version number" in caplog.text


def test_an_unreadable_file_still_gives_the_defaults(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text("{not json", encoding="utf-8")
    assert load_settings(path) == Settings()
    path.write_text("[1, 2]", encoding="utf-8")
    assert load_settings(path) == Settings()


def test_a_version_1_file_opens_on_the_story_page_it_left(tmp_path: Path) -> None:
    """Version 2 renamed the story page "log" -> "story": the page last shown and its saved
    state (splitter) follow, other pages' states stay as they were."""
    path = tmp_path / "settings.json"
    pages = {"log": {"splitter": [300, 500]}, "events": {"sort": 2}}
    _write(path, {"version": 1, "last_page": "log", "extra": {"pages": pages, "other": 1}})

    settings = load_settings(path)

    assert settings.version == SETTINGS_VERSION == 2
    assert settings.last_page == "story"
    assert settings.extra == {
        "pages": {"story": {"splitter": [300, 500]}, "events": {"sort": 2}},
        "other": 1,
    }
    save_settings(settings, path)
    assert _read(path)["version"] == 2 and _read(path)["last_page"] == "story"


def test_a_version_1_file_on_another_page_keeps_it(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    _write(path, {"version": 1, "last_page": "events", "extra": {"pages": "damaged"}})
    settings = load_settings(path)
    assert (settings.last_page, settings.extra) == ("events", {"pages": "damaged"})
