"""The Preferences' local-relay box: the one way to allow a login without encryption."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt

from visitplanner.i18n import set_language
from visitplanner.services.invitations import outbox
from visitplanner.settings import Settings, settings_path
from visitplanner.ui.preferences_dialog import PreferencesDialog


def _open(qtbot, settings: Settings) -> PreferencesDialog:
    dialog = PreferencesDialog(settings)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _choose_security(qtbot, dialog: PreferencesDialog, code: str) -> None:
    """Moves through the list with the arrow keys until ``code`` is chosen."""
    combo = dialog.smtp_security
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(combo.count()):
        if combo.currentData() == code:
            return
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentData() == code


def _saved() -> dict:
    return json.loads(settings_path().read_text(encoding="utf-8"))


def test_the_box_is_offered_only_without_encryption_and_saved(qtbot):
    settings = Settings(smtp_host="relay.local", smtp_user="anais")
    dialog = _open(qtbot, settings)
    relay = dialog.smtp_relay
    assert relay.accessibleName() == "Local relay without encryption"
    assert "without encryption" in relay.toolTip()
    assert not relay.isEnabled() and not relay.isChecked()  # STARTTLS by default

    _choose_security(qtbot, dialog, "none")
    assert relay.isEnabled()
    qtbot.mouseClick(relay, Qt.MouseButton.LeftButton)
    assert relay.isChecked()
    assert dialog.save_button.isEnabled()
    dialog.grab().save("/tmp/preferences-local-relay.png")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert settings.smtp_security == "none" and settings.smtp_local_relay_confirmed is True
    assert _saved()["smtp_local_relay_confirmed"] is True


def test_choosing_encryption_withdraws_the_confirmation(qtbot):
    settings = Settings(smtp_host="relay.local", smtp_user="anais", smtp_security="none")
    settings.smtp_local_relay_confirmed = True
    dialog = _open(qtbot, settings)
    assert dialog.smtp_relay.isChecked() and dialog.smtp_relay.isEnabled()

    _choose_security(qtbot, dialog, "ssl")
    assert not dialog.smtp_relay.isEnabled()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert settings.smtp_security == "ssl" and settings.smtp_local_relay_confirmed is False
    assert _saved()["smtp_local_relay_confirmed"] is False


def test_unticking_alone_is_a_change_to_save(qtbot):
    settings = Settings(smtp_host="relay.local", smtp_user="anais", smtp_security="none")
    settings.smtp_local_relay_confirmed = True
    dialog = _open(qtbot, settings)
    assert not dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.smtp_relay, Qt.MouseButton.LeftButton)
    assert dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert settings.smtp_local_relay_confirmed is False


def test_the_refusal_names_the_box_as_the_window_shows_it(qtbot):
    for language in ("en", "fr"):
        set_language(language)
        try:
            dialog = _open(qtbot, Settings())
            assert dialog.smtp_relay.text() == outbox.local_relay_label()
        finally:
            set_language("en")
