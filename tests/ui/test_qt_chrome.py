"""Qt's own words in the window's language, and a clear refusal where no display exists."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel, QMessageBox, QPushButton

from visitplanner import app


@pytest.fixture
def french_qt(qapp):
    translator = app.install_qt_translations(qapp, "fr")
    yield translator
    if translator is not None:
        QApplication.removeTranslator(translator)


def test_standard_buttons_speak_french_in_a_french_window(qtbot, french_qt) -> None:
    assert french_qt is not None, "qtbase_fr.qm was not found in any Qt translations folder"
    box = QMessageBox(QMessageBox.Icon.Question, "Titre", "Question ?")
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    assert box.button(QMessageBox.StandardButton.Cancel).text() == "Annuler"

    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(buttons)
    assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "Annuler"


def test_the_file_dialog_is_french_in_a_french_window(qtbot, tmp_path, french_qt) -> None:
    """Qt's French catalogue lacks "Look in:" and "Files of type:": ours supplies them."""
    from visitplanner.i18n import set_language
    from visitplanner.ui import file_dialogs

    set_language("fr")
    dialog = file_dialogs.make_dialog(None, "Ouvrir", "csv", start=tmp_path)
    qtbot.addWidget(dialog)
    dialog.show()
    texts = {label.text().replace("&", "") for label in dialog.findChildren(QLabel)}
    assert {"Regarder dans\u00a0:", "Nom du fichier\u00a0:", "Type de fichier\u00a0:"} <= texts
    buttons = {b.text().replace("&", "") for b in dialog.findChildren(QPushButton)}
    assert {"Ouvrir", "Annuler"} <= buttons, buttons
    english = {"Look in:", "Files of type:", "File name:", "Open", "Cancel"}
    assert not english & (texts | buttons)


def test_english_leaves_qt_in_its_own_language(qapp) -> None:
    assert app.install_qt_translations(qapp, "en") is None


@pytest.mark.skipif(sys.platform.startswith(("win", "darwin")), reason="always has a display")
@pytest.mark.parametrize(
    ("lang", "sentence"),
    [("fr", "Aucun écran n’a été trouvé"), ("en", "No display was found")],
)
def test_without_a_display_the_window_refuses_in_one_sentence(tmp_path: Path, lang, sentence):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    env["VISITPLANNER_SETTINGS"] = str(tmp_path / "settings.json")
    result = subprocess.run(
        [sys.executable, "-m", "visitplanner", "--db", str(tmp_path / "c.sqlite"), "--lang", lang],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert sentence in lines[0]
    assert "visitplanner --help" in lines[0]
    assert not (tmp_path / "c.sqlite").exists()


def test_an_offscreen_or_real_display_is_enough() -> None:
    assert app.no_display_message({"QT_QPA_PLATFORM": "offscreen"}) is None
    assert app.no_display_message({"DISPLAY": ":0"}) is None
    assert app.no_display_message({"WAYLAND_DISPLAY": "wayland-0"}) is None
    if not sys.platform.startswith(("win", "darwin")):
        assert app.no_display_message({}) is not None
        assert app.no_display_message({"QT_QPA_PLATFORM": "xcb"}) is not None
