"""Hosts and dynamics are listed in the order a French reader expects, on both engines.

They used to be sorted by ``lower(name)``: SQLite's ``lower`` folds ASCII only and both
engines then compare bytes, so "Écomusée" came after "Zénith"; and a PostgreSQL server
with a French or English collation would sort the same rows differently from SQLite.
They are now sorted by their folded key, compared byte for byte on both engines.
"""

from __future__ import annotations

from visitplanner.services.directory import records as cat
from visitplanner.services.directory import table_rows
from visitplanner.services.directory.table_rows import TableQuery

NAMES = ["Zénith de Lille", "Écomusée d'Alsace", "atelier Nord", "Île Verte", "Bastide", "élan"]
IN_ORDER = ["atelier Nord", "Bastide", "Écomusée d'Alsace", "élan", "Île Verte", "Zénith de Lille"]


def test_hosts_are_listed_by_folded_name(catalogue):
    ids = {
        name: cat.create_host(catalogue, cat.HostInput(name=name)).created_id("host")
        for name in NAMES
    }
    assert [h.name for h in cat.list_hosts(catalogue)] == IN_ORDER
    assert table_rows.host_ids(catalogue, TableQuery()) == [ids[n] for n in IN_ORDER]


def test_dynamics_are_listed_by_folded_name(catalogue):
    ids = {
        name: cat.create_dynamic(catalogue, cat.DynamicInput(name=name)).created_id("dynamic")
        for name in NAMES
    }
    assert [d.name for d in cat.list_dynamics(catalogue)] == IN_ORDER
    assert table_rows.dynamic_ids(catalogue, TableQuery()) == [ids[n] for n in IN_ORDER]
    assert [name for _, name in table_rows.dynamic_choices(catalogue)] == IN_ORDER
