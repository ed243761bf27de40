"""Saves a PNG of every page on the demo catalogue, offscreen, to look at the window.

python -m visitplanner.ui.screenshots OUTDIR [--lang fr|en] [--size 1280x800]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path
from typing import Any


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m visitplanner.ui.screenshots")
    parser.add_argument("outdir")
    parser.add_argument("--lang", choices=("fr", "en"), default="fr")
    parser.add_argument("--size", default="1280x800")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    width, height = (int(v) for v in args.size.split("x"))

    from PySide6.QtWidgets import QApplication

    from visitplanner.app import install_qt_translations
    from visitplanner.i18n import set_language
    from visitplanner.services.demo import load_demo
    from visitplanner.settings import Settings
    from visitplanner.store.database import open_catalogue
    from visitplanner.ui.main_window import PAGES, MainWindow

    set_language(args.lang)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setStyle("Fusion")
    install_qt_translations(app, args.lang)
    folder = Path(tempfile.mkdtemp(prefix="vp-shots-"))
    catalogue = open_catalogue(str(folder / "demo.sqlite"))
    outdir = Path(args.outdir)
    outdir.mkdir(parents=True, exist_ok=True)

    window = MainWindow(catalogue, Settings())
    window.resize(width, height)
    window.show()
    app.processEvents()
    if window.current_page() != "welcome":  # the empty catalogue must greet, not list
        print("the empty catalogue did not open on the welcome page", file=sys.stderr)
        return 1
    window.grab().save(str(outdir / f"welcome-{args.lang}.png"))
    window.changes_applied.emit(load_demo(catalogue).changes)
    for number, (key, _title) in enumerate(PAGES, start=1):
        window.show_page(key)
        page = window.pages[key]
        table = getattr(page, "table", None)
        if table is not None and page.model.rowCount():
            table.selectRow(min(2, page.model.rowCount() - 1))
        app.processEvents()
        _finish_background_work()
        path = outdir / f"{number:02d}-{key}-{args.lang}.png"
        window.grab().save(str(path))
        print(path)
        if key == "story":
            from PySide6.QtTest import QTest

            QTest.qWait(400)  # the reading view follows the final width of the window
            window.grab().save(str(path))
            _story_dialogs(app, page, outdir, f"{number:02d}-{key}", args.lang)
    from visitplanner.ui import tasks

    tasks.settle()  # background work (story sync, figures) ends before the catalogue closes
    window.close()
    catalogue.close()
    return 0


def _finish_background_work(timeout: float = 15.0) -> None:
    """Figures computed off the GUI thread are in the picture, not their placeholders."""
    import time

    from PySide6.QtTest import QTest

    from visitplanner.ui import tasks
    from visitplanner.ui.pages.year_figures import START_DELAY_MS

    QTest.qWait(START_DELAY_MS + 50)  # the dashboard asks for its figures a moment after showing
    deadline = time.monotonic() + timeout
    while tasks.running() and time.monotonic() < deadline:
        QTest.qWait(50)
    QTest.qWait(50)  # their results painted


def _story_dialogs(app: Any, page: Any, outdir: Path, prefix: str, lang: str) -> None:
    """The story's entry editor and history of the selected entry, as a coordinator sees them."""
    for name, show in (("entry", page.edit_current), ("history", page.show_history)):
        show()
        dialog = page.entry_dialog if name == "entry" else page.history_dialog
        app.processEvents()
        path = outdir / f"{prefix}-{name}-{lang}.png"
        dialog.grab().save(str(path))
        print(path)
        dialog.done(0)  # closed without asking: nothing was typed


if __name__ == "__main__":
    raise SystemExit(main())
