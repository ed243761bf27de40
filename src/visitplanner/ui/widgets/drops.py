"""Dropping a CSV file where people expect it: onto a list of people or participants."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent

SUFFIXES = (".csv", ".txt", ".tsv")
REPLY_SUFFIXES = (".ics", ".eml")
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".tif", ".tiff", ".heic")


def dropped_paths(
    event: QDragEnterEvent | QDropEvent, suffixes: tuple[str, ...] = SUFFIXES
) -> list[Path]:
    """The local files being dragged whose suffix is one of ``suffixes``."""
    urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
    paths = [Path(url.toLocalFile()) for url in urls if url.isLocalFile()]
    return [p for p in paths if p.suffix.lower() in suffixes]


def csv_path(event: QDragEnterEvent | QDropEvent) -> Path | None:
    """The one CSV file being dragged, if that is what it is."""
    paths = dropped_paths(event)
    return paths[0] if len(paths) == 1 else None


class CsvDropFilter(QObject):
    """Installed on a widget: a dropped CSV file is announced through ``dropped``;
    dropped replies (.ics, .eml) through ``replies_dropped``."""

    dropped = Signal(object)  # Path
    replies_dropped = Signal(object)  # list[Path]

    def eventFilter(self, watched: QObject, event: object) -> bool:
        from PySide6.QtCore import QEvent

        kind = getattr(event, "type", lambda: None)()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            wanted = csv_path(event) or dropped_paths(event, REPLY_SUFFIXES)  # type: ignore[arg-type]
            if wanted:
                event.acceptProposedAction()  # type: ignore[attr-defined]
                return True
        elif kind == QEvent.Type.Drop:
            path = csv_path(event)  # type: ignore[arg-type]
            replies = dropped_paths(event, REPLY_SUFFIXES)  # type: ignore[arg-type]
            if path is not None or replies:
                event.acceptProposedAction()  # type: ignore[attr-defined]
                if path is not None:
                    self.dropped.emit(path)
                if replies:
                    self.replies_dropped.emit(replies)
                return True
        return False


class ImageDropFilter(QObject):
    """Installed on a widget: dropped image files are announced through ``dropped``."""

    dropped = Signal(object)  # list[Path]

    def eventFilter(self, watched: QObject, event: object) -> bool:
        from PySide6.QtCore import QEvent

        kind = getattr(event, "type", lambda: None)()
        if kind not in (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop):
            return False
        images = dropped_paths(event, IMAGE_SUFFIXES)  # type: ignore[arg-type]
        if not images:
            return False
        event.acceptProposedAction()  # type: ignore[attr-defined]
        if kind == QEvent.Type.Drop:
            self.dropped.emit(images)
        return True
