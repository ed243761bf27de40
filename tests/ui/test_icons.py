"""Icons stay visible on hover and focus: drawn on the button's background, not the highlight."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QIcon, QImage, QPalette
from PySide6.QtWidgets import QApplication

from visitplanner.services.demo import load_demo
from visitplanner.settings import Settings
from visitplanner.ui import icons
from visitplanner.ui.main_window import MainWindow


def _luminance(color: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(color.redF())
        + 0.7152 * channel(color.greenF())
        + 0.0722 * channel(color.blueF())
    )


def _contrast(a: QColor, b: QColor) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _ink(icon: QIcon, mode: QIcon.Mode) -> QColor:
    """The colour of the glyph: its most opaque pixel."""
    image = icon.pixmap(24, 24, mode).toImage().convertToFormat(QImage.Format.Format_ARGB32)
    best = QColor(0, 0, 0, 0)
    for y in range(image.height()):
        for x in range(image.width()):
            pixel = image.pixelColor(x, y)
            if pixel.alpha() > best.alpha():
                best = pixel
    assert best.alpha() > 200, "the icon drew nothing"
    return best


def test_every_icon_contrasts_with_its_background_in_every_mode(qapp) -> None:
    palette = QApplication.palette()
    button = palette.color(QPalette.ColorRole.Button)
    highlight = palette.color(QPalette.ColorRole.Highlight)
    for name in icons.GLYPHS:
        icon = icons.get(name)
        for mode in (QIcon.Mode.Normal, QIcon.Mode.Active):
            assert _contrast(_ink(icon, mode), button) >= 3, (name, mode)
        assert _contrast(_ink(icon, QIcon.Mode.Selected), highlight) >= 3, name


def test_a_focused_button_keeps_its_icon(qtbot, catalogue) -> None:
    load_demo(catalogue)
    window = MainWindow(catalogue, Settings())
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    window.show_page("people")
    button = window.page("people").new_button
    qtbot.mouseMove(button)
    button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(button.hasFocus)
    image = button.grab().toImage()
    background = button.palette().color(QPalette.ColorRole.Button)
    size = button.iconSize()
    # Icon, a 4-pixel gap and the text are centred together: the icon's square only.
    content = size.width() + 4 + button.fontMetrics().horizontalAdvance(button.text())
    left = (button.width() - content) // 2
    top = (button.height() - size.height()) // 2
    inked = [
        image.pixelColor(QPoint(x, y))
        for x in range(left, left + size.width())
        for y in range(top, top + size.height())
    ]
    assert max(_contrast(pixel, background) for pixel in inked) >= 3


def test_glyphs_are_the_material_design_icons_they_name() -> None:
    """The code points written in ``icons.GLYPHS`` are those of the font's own charmap."""
    charmaps = sorted(icons.font_folder().glob("materialdesignicons6-webfont-charmap-*.json"))
    charmap = json.loads(charmaps[-1].read_text(encoding="utf-8"))
    for name, (glyph, code) in icons.GLYPHS.items():
        assert int(charmap[glyph], 16) == code, name


def test_icons_are_drawn_without_importing_qtawesome() -> None:
    """QtAwesome's import (qtpy, eleven fonts) cost half a second of the window's start."""
    code = (
        "import sys; from PySide6.QtWidgets import QApplication; app = QApplication([]); "
        "from visitplanner.ui import icons; "
        "image = icons.get('people').pixmap(24, 24).toImage(); "
        "inked = any(image.pixelColor(x, y).alpha() for x in range(24) for y in range(24)); "
        "print(inked, [m for m in ('qtawesome', 'qtpy') if m in sys.modules])"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert out.stdout.strip() == "True []"
