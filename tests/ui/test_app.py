"""Start-up never strands a user with a traceback."""

from __future__ import annotations

import logging

from visitplanner import app
from visitplanner.logs import log_file


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
