"""A table model that holds ids and fetches only the rows on screen.

Anki's browser and Calibre's library view work this way: the ordered ids of a
query come back in one indexed SQL call, rows are fetched in batches when the
view asks for them and kept in a bounded cache, so 100,000 people open and
scroll as fast as 100.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from visitplanner.services.directory.table_rows import Row, TableQuery

Index = QModelIndex | QPersistentModelIndex
IdsFetcher = Callable[[TableQuery], list[int]]
RowsFetcher = Callable[[Sequence[int]], list[Row]]

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class RecordTableModel(QAbstractTableModel):
    BATCH = 100
    CACHE_LIMIT = 4000

    def __init__(
        self,
        headers: Sequence[Callable[[], str]],
        fetch_ids: IdsFetcher,
        fetch_rows: RowsFetcher,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._headers = list(headers)
        self._fetch_ids = fetch_ids
        self._fetch_rows = fetch_rows
        self._ids: list[int] = []
        self._positions: dict[int, int] = {}
        self._cache: OrderedDict[int, Row] = OrderedDict()
        self.query = TableQuery()

    # --- loading ---------------------------------------------------------------

    def reload(self, query: TableQuery | None = None) -> None:
        if query is not None:
            self.query = query
        self.beginResetModel()
        self._ids = self._fetch_ids(self.query)
        self._positions = {record_id: row for row, record_id in enumerate(self._ids)}
        self._cache.clear()
        self.endResetModel()

    def refresh_records(self, ids: Sequence[int]) -> None:
        """Re-reads rows that changed, signalling only their own cells."""
        for record_id in ids:
            self._cache.pop(record_id, None)
            row = self._positions.get(record_id)
            if row is not None:
                self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def _row(self, row: int) -> Row | None:
        record_id = self._ids[row]
        cached = self._cache.get(record_id)
        if cached is not None:
            self._cache.move_to_end(record_id)
            return cached
        start = max(0, row - self.BATCH // 4)
        wanted = [i for i in self._ids[start : start + self.BATCH] if i not in self._cache]
        for fetched in self._fetch_rows(wanted):
            self._cache[fetched.id] = fetched
        while len(self._cache) > self.CACHE_LIMIT:
            self._cache.popitem(last=False)
        return self._cache.get(record_id)

    # --- lookups -----------------------------------------------------------------

    def id_at(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, record_id: int) -> int | None:
        return self._positions.get(record_id)

    # --- Qt interface ----------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        if role == ID_ROLE:
            return self._ids[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            row = self._row(index.row())
            if row is None or index.column() >= len(row.cells):
                return None
            return row.cells[index.column()]
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self._headers)
        ):
            return self._headers[section]()
        return None
