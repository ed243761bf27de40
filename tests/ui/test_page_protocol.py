"""Every page of the sidebar keeps the page protocol, and the window talks to it through it."""

from __future__ import annotations

from visitplanner.services.changes import ChangeKind, Changes
from visitplanner.services.directory import records as cat
from visitplanner.ui.main_window import PAGES
from visitplanner.ui.pages.protocol import Page


def test_every_page_of_the_sidebar_keeps_the_protocol(window) -> None:
    window.changes_applied.emit(Changes.everything())
    for key, _title in PAGES:
        page = window.page(key)
        assert isinstance(page, Page), key
        assert page.confirm_leave()  # nothing typed yet: every page lets the user go
    assert window.built_pages() == list(window.pages.values())


def test_a_change_reaches_every_built_page_once(window, monkeypatch) -> None:
    for key, _title in PAGES:
        window.page(key)
    received: dict[str, list[Changes]] = {key: [] for key in window.pages}
    for key, page in window.pages.items():
        monkeypatch.setattr(page, "on_changes", received[key].append)

    changes = cat.create_person(window.catalogue, cat.PersonInput(family_name="Dupont"))
    window.changes_applied.emit(changes)

    assert received == {key: [changes] for key in window.pages}
    assert changes.touches(ChangeKind.PERSON)


def test_the_welcome_page_is_not_a_sidebar_page(window) -> None:
    assert window.current_page() == "welcome"
    assert window.shown_page() is None
    window.show_page("people")
    assert window.shown_page() is window.page("people")
