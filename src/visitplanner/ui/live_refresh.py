"""Other coordinators' changes on a team catalogue, shown as they happen.

A team catalogue (PostgreSQL) tells every open window what each committed write
changed (:mod:`visitplanner.store.live`); this keeps one listener per window,
refreshes the pages the change concerns, and says in the status line who changed
what. A catalogue file has no other writer while the window holds it: nothing runs.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from visitplanner.i18n import _
from visitplanner.services.changes import ChangeKind, Changes
from visitplanner.store.audit import Notice
from visitplanner.store.database import Catalogue

log = logging.getLogger(__name__)

# The window may switch catalogues (a restore, a team catalogue opened): checked this often.
FOLLOW_MS = 2000

ACTIONS = {
    "create": "created",
    "update": "updated",
    "trash": "deleted",
    "delete": "deleted",
    "erase": "deleted",
    "restore": "created",
}


class LiveRefresh(QObject):
    """Listens for the team catalogue's notices and applies them to the window."""

    notice_received = Signal(object)  # Notice, from the listening thread to the window's

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.listener: Any = None
        self._catalogue: Catalogue | None = None
        self.notice_received.connect(self._apply)
        self._follow = QTimer(self)
        self._follow.setInterval(FOLLOW_MS)
        self._follow.timeout.connect(self.follow)
        self._follow.start()
        self.follow()

    def follow(self) -> None:
        """Listens to the window's current catalogue if it is a team one, and only to it."""
        catalogue = self.window.catalogue
        if catalogue is self._catalogue:
            return
        self.stop()
        self._catalogue = catalogue
        if catalogue is None or catalogue.is_sqlite or catalogue.read_only:
            return
        from visitplanner.store.live import Listener

        self.listener = Listener(catalogue, self.notice_received.emit)
        self.listener.start()
        self._share_photos(catalogue)

    def _share_photos(self, catalogue: Catalogue) -> None:
        """Photos this laptop holds and the team catalogue lacks (added before it was
        published, or offline) go up in the background, so the others can print them."""
        from visitplanner.ui import tasks

        def work(_progress: Any, _cancelled: Any) -> tuple[int, int]:
            from visitplanner.services.documents.attachments import upload_missing

            with catalogue.guard.shared() as usable:
                return upload_missing(catalogue) if usable else (0, 0)

        def done(result: tuple[int, int] | None, error: BaseException | None) -> None:
            if error is not None:
                log.warning("photos not stored in the team catalogue: %s", error)
            elif result and result[0]:
                self.window.statusBar().showMessage(
                    _("{n} photos of this computer stored in the team catalogue.").format(
                        n=result[0]
                    ),
                    10_000,
                )

        tasks.run_task(self.window, _("Storing photos"), work, done, quiet=True)

    def stop(self) -> None:
        if self.listener is not None:
            self.listener.stop()
            self.listener = None

    def _apply(self, notice: Notice) -> None:
        actor = getattr(self.window.catalogue, "actor", None)
        if actor is not None and notice.instance == actor.instance:
            return  # our own write: the page that made it has refreshed already
        changes = to_changes(notice)
        if not changes:
            return
        self.window.changes_applied.emit(changes)
        self.window.statusBar().showMessage(describe(notice), 10_000)


def to_changes(notice: Notice) -> Changes:
    keys: dict[str, list[tuple[str, int]]] = {"created": [], "updated": [], "deleted": []}
    unnamed: list[ChangeKind] = []
    for kind, record_id, action, _label in notice.changes:
        try:
            kind = ChangeKind(kind)
        except ValueError:
            continue
        if record_id is None:
            unnamed.append(kind)
        else:
            keys[ACTIONS.get(action, "updated")].append((kind, record_id))
    changes = Changes.of(**keys)
    return changes | Changes.of_kinds(*unnamed) if unnamed else changes


KIND_WORDS = {
    "dynamic": lambda: _("the dynamic"),
    "host": lambda: _("the host organisation"),
    "person": lambda: _("the person"),
    "event": lambda: _("the event"),
    "debrief": lambda: _("a debrief"),
}


def describe(notice: Notice) -> str:
    """« Marie Dupont changed the person “Anne Martin” »: the first named change, and how many."""
    who = notice.coordinator or _("Another coordinator")
    named = [c for c in notice.changes if c[0] in KIND_WORDS]
    if not named:
        return _("{who} changed the catalogue.").format(who=who)
    kind, _id, action, label = named[0]
    what = KIND_WORDS[kind]()
    if label:
        what = _("{what} “{label}”").format(what=what, label=label)
    verbs = {
        "create": _("{who} added {what}."),
        "trash": _("{who} deleted {what}."),
        "delete": _("{who} deleted {what}."),
        "erase": _("{who} erased {what}."),
        "restore": _("{who} restored {what}."),
    }
    sentence = verbs.get(action, _("{who} changed {what}.")).format(who=who, what=what)
    others = len(named) - 1
    if others:
        from visitplanner.i18n import ngettext

        sentence += " " + ngettext(
            "And {n} other change.", "And {n} other changes.", others
        ).format(n=others)
    return sentence
