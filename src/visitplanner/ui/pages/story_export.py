"""Exporting the shared story from its page, as PDF, Markdown or a web page."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QPushButton

from visitplanner.domain.errors import UserError
from visitplanner.i18n import _, current_language
from visitplanner.ui import dialogs, icons, tasks

EXPORT_FORMATS = (
    ("pdf", lambda: _("PDF document…"), "recit-commun.pdf"),
    ("md", lambda: _("Markdown text…"), "recit-commun.md"),
    ("html", lambda: _("Web page (HTML)…"), "recit-commun.html"),
)


class StoryExport:
    """The export of :class:`StoryPage`, a part of the page rather than a widget of its own."""

    # --- export -------------------------------------------------------------------------

    def export(self, fmt: str) -> None:
        """Writes the story as filtered on screen, off the GUI thread."""
        from visitplanner.ui.export import ask_save_path, open_file

        suggested = next(name for f, _label, name in EXPORT_FORMATS if f == fmt)
        path = ask_save_path(self, _("Export the shared story"), suggested, fmt)
        if path is None:
            return
        filters = self.filters()
        catalogue = self.catalogue
        language = current_language()

        def work(progress, cancelled):  # type: ignore[no-untyped-def]
            from visitplanner.services.story.export import export_story

            return export_story(
                catalogue,
                fmt,
                path,
                filters=filters,
                language=language,
                progress=progress,
                cancelled=cancelled,
            )

        def done(result: Path | None, error: BaseException | None) -> None:
            if isinstance(error, UserError):
                dialogs.show_error(self, _("The story was not exported"), error.message)
            elif error is not None:
                raise error
            elif result is not None:
                self._offer_open(Path(result), open_file)

        tasks.run_task(self, _("Exporting the shared story…"), work, done)

    def _offer_open(self, path: Path, open_file: Callable[[Path], None]) -> None:
        """A quiet confirmation with an Open button in the status bar, not a pop-up."""
        bar = self.window().statusBar()
        old = getattr(self, "open_export_button", None)
        if old is not None:
            bar.removeWidget(old)
            old.deleteLater()
        button = QPushButton(icons.get("open"), _("Open {name}").format(name=path.name))
        button.setAccessibleName(_("Open the exported story"))
        button.setFlat(True)

        def remove() -> None:
            if getattr(self, "open_export_button", None) is button:
                bar.removeWidget(button)
                button.deleteLater()
                self.open_export_button = None

        button.clicked.connect(lambda: (open_file(path), remove()))
        bar.addPermanentWidget(button)
        self.open_export_button: QPushButton | None = button
        QTimer.singleShot(30_000, button, remove)
        bar.showMessage(_("Story exported to {path}.").format(path=path), 10_000)
