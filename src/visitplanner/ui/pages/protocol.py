"""What the window asks of every page of its sidebar, so it never asks what a page is.

Pages are widgets, and a Qt widget cannot also derive from a ``Protocol`` (their
metaclasses differ): each page class defines these methods itself, and
``tests/ui/test_page_protocol.py`` checks that every page of the sidebar keeps them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from visitplanner.services.changes import Changes


@runtime_checkable
class Page(Protocol):
    def on_changes(self, changes: Changes) -> None:
        """Shows again what ``changes`` touched; called after every write, shown or not."""

    def confirm_leave(self) -> bool:
        """Whether the user may leave the page now (an unsaved form asks first)."""

    def flush(self) -> None:
        """Saves what is being typed that saves itself, before the catalogue goes away."""
