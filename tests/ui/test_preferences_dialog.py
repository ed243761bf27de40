"""The preferences dialog, driven as a coordinator would: change, save, cancel."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict

import pytest
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QDialog, QFormLayout, QLabel

from visitplanner.i18n import set_language
from visitplanner.settings import Settings, load_settings, save_settings, settings_path
from visitplanner.ui.preferences_dialog import PreferencesDialog, timezone_names


def _type(widget, text):
    """Types like a keyboard, accents included (QTest.keyClicks only knows ASCII)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(widget, event)


def _replace(widget, text):
    widget.setFocus()
    widget.selectAll()
    _type(widget, text)


def _settings() -> Settings:
    return Settings(
        language="fr",
        organiser_name="Claire Martin",
        organiser_email="claire.martin@example.org",
        default_timezone="Europe/Paris",
    )


def _open(qtbot, settings: Settings) -> PreferencesDialog:
    dialog = PreferencesDialog(settings)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


@pytest.fixture
def french() -> Iterator[None]:
    set_language("fr")
    try:
        yield
    finally:
        set_language("en")


def test_values_are_loaded_from_the_settings(qtbot):
    dialog = _open(qtbot, _settings())
    assert dialog.windowTitle() == "Preferences"
    assert dialog.language.currentData() == "fr"
    assert dialog.language.currentText() == "Français"
    assert dialog.organiser_name.text() == "Claire Martin"
    assert dialog.organiser_email.text() == "claire.martin@example.org"
    assert dialog.timezone.currentText() == "Europe/Paris"
    assert not dialog.language_note.isVisible()
    assert not dialog.email_error.isVisible()


def test_languages_are_named_in_themselves_and_paris_comes_first(qtbot):
    dialog = _open(qtbot, Settings())
    items = [
        (dialog.language.itemText(i), dialog.language.itemData(i))
        for i in range(dialog.language.count())
    ]
    assert items == [("System language", "system"), ("Français", "fr"), ("English", "en")]
    assert dialog.language.currentData() == "system"
    names = timezone_names()
    assert names[0] == "Europe/Paris"
    assert names[1:] == sorted(names[1:])
    assert "Europe/Brussels" in names
    assert dialog.timezone.itemText(0) == "Europe/Paris"
    assert dialog.timezone.completer() is not None


def test_every_widget_has_an_accessible_name(qtbot):
    dialog = _open(qtbot, _settings())
    for widget in (
        dialog,
        dialog.language,
        dialog.language_note,
        dialog.timezone,
        dialog.timezone_error,
        dialog.organiser_name,
        dialog.organiser_email,
        dialog.email_error,
        dialog.save_button,
        dialog.cancel_button,
    ):
        assert widget.accessibleName(), widget


def test_save_is_disabled_until_something_changes(qtbot):
    dialog = _open(qtbot, _settings())
    assert not dialog.save_button.isEnabled()
    _type(dialog.organiser_name, "e")
    assert dialog.save_button.isEnabled()
    # Back to where it started: nothing left to save.
    dialog.organiser_name.backspace()
    assert not dialog.save_button.isEnabled()
    dialog.timezone.setCurrentText("Europe/Brussels")
    assert dialog.save_button.isEnabled()


def test_an_invalid_email_is_reported_under_the_field_and_nothing_is_saved(qtbot):
    settings = _settings()
    before = asdict(settings)
    dialog = _open(qtbot, settings)
    _replace(dialog.organiser_email, "claire.martin@example")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert dialog.email_error.isVisible()
    assert "claire.martin@example" in dialog.email_error.text()
    assert "not a valid e-mail address" in dialog.email_error.text()
    assert not dialog.timezone_error.isVisible()
    assert dialog.isVisible()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert asdict(settings) == before
    assert not settings_path().exists()

    # Correcting the address clears the message.
    _type(dialog.organiser_email, ".org")
    assert not dialog.email_error.isVisible()


def test_an_unknown_time_zone_is_reported_under_the_field_and_nothing_is_saved(qtbot):
    settings = _settings()
    save_settings(settings)
    written = settings_path().read_text(encoding="utf-8")
    before = asdict(settings)
    dialog = _open(qtbot, settings)
    dialog.timezone.setCurrentText("Europe/Atlantis")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert dialog.timezone_error.isVisible()
    assert "Europe/Atlantis" in dialog.timezone_error.text()
    assert "not a known time zone" in dialog.timezone_error.text()
    assert dialog.isVisible()
    assert asdict(settings) == before
    assert settings_path().read_text(encoding="utf-8") == written


def test_a_valid_change_is_written_and_the_dialog_accepted(qtbot):
    settings = _settings()
    dialog = _open(qtbot, settings)
    _replace(dialog.organiser_name, "Hélène Dupré")
    _replace(dialog.organiser_email, "helene.dupre@example.org")
    dialog.timezone.setCurrentText("Europe/Brussels")
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert settings.organiser_name == "Hélène Dupré"
    saved = load_settings()
    assert saved.organiser_name == "Hélène Dupré"
    assert saved.organiser_email == "helene.dupre@example.org"
    assert saved.default_timezone == "Europe/Brussels"
    assert saved.language == "en"
    assert "Hélène Dupré" in settings_path().read_text(encoding="utf-8")


def test_cancel_leaves_everything_unchanged(qtbot):
    settings = _settings()
    before = asdict(settings)
    dialog = _open(qtbot, settings)
    _replace(dialog.organiser_name, "Hélène Dupré")
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    with qtbot.waitSignal(dialog.rejected):
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert asdict(settings) == before
    assert not settings_path().exists()


def test_escape_cancels(qtbot):
    settings = _settings()
    before = asdict(settings)
    dialog = _open(qtbot, settings)
    _replace(dialog.organiser_email, "helene.dupre@example.org")
    with qtbot.waitSignal(dialog.rejected):
        qtbot.keyClick(dialog.organiser_email, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert asdict(settings) == before
    assert not settings_path().exists()


def test_the_language_note_appears_only_when_the_language_changes(qtbot):
    dialog = _open(qtbot, _settings())
    assert not dialog.language_note.isVisible()
    _type(dialog.organiser_name, "x")
    assert not dialog.language_note.isVisible()
    dialog.language.setCurrentIndex(dialog.language.findData("system"))
    assert dialog.language_note.isVisible()
    assert "next time Visit Planner starts" in dialog.language_note.text()
    dialog.language.setCurrentIndex(dialog.language.findData("fr"))
    assert not dialog.language_note.isVisible()


def test_edit_returns_whether_the_user_saved(qtbot):
    settings = _settings()

    def cancel() -> None:
        QApplication.activeModalWidget().reject()

    QTimer.singleShot(0, cancel)
    assert PreferencesDialog.edit(settings) is False
    assert not settings_path().exists()


def test_french_labels_end_with_a_no_break_space_and_colon(qtbot, french):
    dialog = _open(qtbot, _settings())
    form = dialog.findChild(QFormLayout)
    labels = [
        form.itemAt(row, QFormLayout.ItemRole.LabelRole).widget().text()
        for row in range(form.rowCount())
        if form.itemAt(row, QFormLayout.ItemRole.LabelRole) is not None
    ]
    assert len(labels) == 9
    assert all(label.endswith("\u00a0:") for label in labels), labels
    assert "Courriel\u00a0:" in labels
    assert dialog.windowTitle() == "Préférences"
    assert dialog.save_button.text() == "Enregistrer"
    assert dialog.cancel_button.text() == "Annuler"


def test_english_labels_have_no_colon(qtbot):
    dialog = _open(qtbot, _settings())
    texts = [label.text() for label in dialog.findChildren(QLabel) if label.buddy() is not None]
    assert sorted(texts) == [
        "Default time zone",
        "E-mail",
        "Language",
        "Mail server",
        "Name",
        "Password",
        "Port",
        "Security",
        "User name",
    ]


def test_a_pasted_overlong_value_is_shortened_in_the_message_not_in_the_field(qtbot):
    dialog = _open(qtbot, _settings())
    pasted = "x" * 90 + "@nowhere"
    _replace(dialog.organiser_email, pasted)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.organiser_email.text() == pasted
    assert "…" in dialog.email_error.text()
    assert pasted in dialog.email_error.toolTip()
    assert dialog.email_error.width() <= dialog.organiser_email.width()


def test_ctrl_s_saves(qtbot):
    settings = _settings()
    dialog = _open(qtbot, settings)
    _replace(dialog.organiser_name, "Hélène Dupré")
    # The offscreen platform never activates a window, so the key cannot reach the
    # shortcut map: check the shortcut's key, then fire it.
    (shortcut,) = dialog.findChildren(QShortcut)
    assert shortcut.key() == QKeySequence("Ctrl+S")
    with qtbot.waitSignal(dialog.accepted):
        shortcut.activated.emit()
    assert load_settings().organiser_name == "Hélène Dupré"


def test_a_failed_write_is_reported_and_the_settings_object_left_as_it_was(qtbot, monkeypatch):
    settings = _settings()
    before = asdict(settings)
    reported = []

    def refuse(_settings: Settings) -> None:
        raise PermissionError("read-only folder")

    monkeypatch.setattr("visitplanner.settings.save_settings", refuse)
    monkeypatch.setattr(
        "visitplanner.ui.dialogs.show_error", lambda parent, title, text: reported.append(text)
    )
    dialog = _open(qtbot, settings)
    _replace(dialog.organiser_name, "Hélène Dupré")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert reported
    assert "read-only folder" in reported[0]
    assert dialog.isVisible()
    assert asdict(settings) == before


def test_the_smtp_password_goes_to_the_keyring_never_to_the_settings_file(qtbot):
    import keyring
    from keyring.backend import KeyringBackend

    from visitplanner.settings import settings_path

    class MemoryKeyring(KeyringBackend):
        priority = 1

        def __init__(self):
            super().__init__()
            self.store = {}

        def get_password(self, service, username):
            return self.store.get((service, username))

        def set_password(self, service, username, password):
            self.store[(service, username)] = password

        def delete_password(self, service, username):
            self.store.pop((service, username), None)

    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    try:
        settings = Settings()
        dialog = PreferencesDialog(settings)
        qtbot.addWidget(dialog)
        dialog.smtp_host.setText("smtp.example.org")
        dialog.smtp_user.setText("anais")
        dialog.smtp_password.setText("s3cret-Hélène")
        assert dialog.save()
        assert settings.smtp_host == "smtp.example.org" and settings.smtp_user == "anais"
        assert "s3cret" not in settings_path().read_text(encoding="utf-8")
        from visitplanner.services.invitations import smtp_password as secrets

        assert secrets.get_smtp_password("smtp.example.org", "anais") == "s3cret-Hélène"
    finally:
        keyring.set_keyring(previous)


def test_the_shared_story_folder_is_chosen_for_this_catalogue(
    qtbot, catalogue, tmp_path, monkeypatch
):
    from visitplanner.services.story import folder_sync

    shared = tmp_path / "Nextcloud" / "Récit"
    shared.mkdir(parents=True)
    monkeypatch.setattr("visitplanner.ui.story_sync.choose_folder", lambda parent, current: shared)
    dialog = PreferencesDialog(_settings(), None, catalogue)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.story_folder.text() == "Not shared"
    assert not dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.story_choose, Qt.MouseButton.LeftButton)
    assert dialog.story_folder.text() == str(shared)
    assert dialog.save_button.isEnabled()
    assert folder_sync.shared_folder(catalogue) is None  # only on Save
    dialog.save()
    assert folder_sync.shared_folder(catalogue) == shared

    again = PreferencesDialog(_settings(), None, catalogue)
    qtbot.addWidget(again)
    assert again.story_folder.text() == str(shared)
    qtbot.mouseClick(again.story_clear, Qt.MouseButton.LeftButton)
    assert again.story_folder.text() == "Not shared"
    again.save()
    assert folder_sync.shared_folder(catalogue) is None


def test_without_a_catalogue_there_is_no_folder_to_choose(qtbot):
    dialog = _open(qtbot, _settings())
    assert not dialog.story_choose.isVisibleTo(dialog)
