"""The three catalogue pages: dynamics, host organisations, people."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from visitplanner.domain.enums import ActorType, DynamicKind
from visitplanner.i18n import _, ngettext, number
from visitplanner.services.changes import ChangeKind
from visitplanner.services.directory import table_rows as tables
from visitplanner.services.directory.table_rows import Row, TableQuery
from visitplanner.ui.forms.base import RecordForm
from visitplanner.ui.forms.dynamic import DynamicForm
from visitplanner.ui.forms.host import HostForm
from visitplanner.ui.forms.person import PersonForm
from visitplanner.ui.pages.catalogue_page import CataloguePage, Facet


def _enum_choices(enum: type) -> Callable[[], list[tuple[Any, str]]]:
    return lambda: [(member.value, member.label) for member in enum]


def _actor_and_dynamic_facets(page: CataloguePage) -> tuple[Facet, Facet]:
    """Hosts and people are both filtered by actor type and by dynamic."""
    return (
        Facet("actor_type", lambda: _("All actor types"), _enum_choices(ActorType)),
        Facet(
            "dynamic_id",
            lambda: _("All dynamics"),
            lambda: tables.dynamic_choices(page.catalogue),
        ),
    )


class DynamicsPage(CataloguePage):
    kind = ChangeKind.DYNAMIC
    key = "dynamics"

    def title(self) -> str:
        return _("Dynamics")

    def new_label(self) -> str:
        return _("New dynamic")

    def empty_text(self) -> str:
        return _("The cooperation networks you know go here. Create the first one.")

    def count_text(self, n: int) -> str:
        return ngettext("{n} dynamic", "{n} dynamics", n).format(n=number(n))

    def columns(self) -> Sequence[Callable[[], str]]:
        return (lambda: _("Name"), lambda: _("Kind"), lambda: _("Region"), lambda: _("Territory"))

    def column_widths(self) -> Sequence[int]:
        return (210, 160, 140)

    def fetch_ids(self, query: TableQuery) -> list[int]:
        return tables.dynamic_ids(self.catalogue, query)

    def fetch_rows(self, ids: Sequence[int]) -> list[Row]:
        return tables.dynamic_rows(self.catalogue, ids)

    def facets(self) -> Sequence[Facet]:
        return (
            Facet("kind", lambda: _("All kinds"), _enum_choices(DynamicKind)),
            Facet(
                "region",
                lambda: _("All regions"),
                lambda: [(r, r) for r in tables.dynamic_regions(self.catalogue)],
            ),
        )

    def make_form(self) -> RecordForm:
        return DynamicForm(self.catalogue, self.history)


class HostsPage(CataloguePage):
    kind = ChangeKind.HOST
    key = "hosts"

    def title(self) -> str:
        return _("Host organisations")

    def new_label(self) -> str:
        return _("New host organisation")

    def empty_text(self) -> str:
        return _("Places that can receive a group go here. Create the first one.")

    def count_text(self, n: int) -> str:
        return ngettext("{n} host organisation", "{n} host organisations", n).format(n=number(n))

    def columns(self) -> Sequence[Callable[[], str]]:
        return (
            lambda: _("Name"),
            lambda: _("City"),
            lambda: _("Actor type"),
            lambda: _("Capacity"),
        )

    def column_widths(self) -> Sequence[int]:
        return (230, 120, 150)

    def fetch_ids(self, query: TableQuery) -> list[int]:
        return tables.host_ids(self.catalogue, query)

    def fetch_rows(self, ids: Sequence[int]) -> list[Row]:
        return tables.host_rows(self.catalogue, ids)

    def facets(self) -> Sequence[Facet]:
        return _actor_and_dynamic_facets(self)

    def make_form(self) -> RecordForm:
        return HostForm(self.catalogue, self.history)


class PeoplePage(CataloguePage):
    kind = ChangeKind.PERSON
    key = "people"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from visitplanner.ui.erasure_dialog import ask_erase
        from visitplanner.ui.retention_dialog import add_review_button

        self.review_button = add_review_button(self)
        self.form.erase_requested.connect(lambda person_id: ask_erase(self, person_id))

    def title(self) -> str:
        return _("People")

    def new_label(self) -> str:
        return _("New person")

    def empty_text(self) -> str:
        return _(
            "Members, facilitators, inhabitants and partners go here. Create the first person."
        )

    def count_text(self, n: int) -> str:
        return ngettext("{n} person", "{n} people", n).format(n=number(n))

    def columns(self) -> Sequence[Callable[[], str]]:
        return (
            lambda: _("Name"),
            lambda: _("Organisation"),
            lambda: _("Actor type"),
            lambda: _("E-mail"),
        )

    def column_widths(self) -> Sequence[int]:
        return (170, 170, 130)

    def fetch_ids(self, query: TableQuery) -> list[int]:
        return tables.people_ids(self.catalogue, query)

    def fetch_rows(self, ids: Sequence[int]) -> list[Row]:
        return tables.people_rows(self.catalogue, ids)

    def facets(self) -> Sequence[Facet]:
        return _actor_and_dynamic_facets(self)

    def make_form(self) -> RecordForm:
        return PersonForm(self.catalogue, self.history)
