"""Start-up never strands a user with a traceback."""

from __future__ import annotations

import logging

from visitplanner import app
from visitplanner.logs import log_file


def test_a_file_that_is_not_a_catalogue_opens_a_clear_dialog(qtbot, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(
        "visitplanner.ui.dialogs.show_error", lambda parent, title, text: shown.append(text)
    )
    bogus = tmp_path / "notes.sqlite"
    bogus.write_text("shopping list", encoding="utf-8")

    assert app.run(db=str(bogus), lang="en") == 1

    assert shown == [f"{bogus} is not a Visit Planner catalogue."]
    assert bogus.read_text(encoding="utf-8") == "shopping list"


def test_unexpected_errors_are_logged_and_shown(qtbot, monkeypatch):
    shown = []
    monkeypatch.setattr(
        "visitplanner.ui.dialogs.show_unexpected_error",
        lambda error, details: shown.append((error, details)),
    )
    app.setup_logging()
    try:
        raise RuntimeError("boom")
    except RuntimeError as exc:
        app._excepthook(type(exc), exc, exc.__traceback__)
    for handler in logging.getLogger().handlers:
        handler.flush()

    assert shown and "RuntimeError: boom" in shown[0][1]
    assert "RuntimeError: boom" in log_file().read_text(encoding="utf-8")
