"""Editable tables of plain records: an item's materials, a queue's time quotas, a window's
work profile, the opening periods.

Rows are the dicts the services take (``Material.as_dict()`` shape and so on), edited in
place; values are kept as typed (a quota typed as "abc" stays text) so the service, not the
table, decides what is wrong and says so in the import's words. Columns are named.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

Index = QModelIndex | QPersistentModelIndex
CONTEXT = "Admin"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark ``text`` for translation in ``context`` (looked up later with :func:`tr`)."""
    return text


@dataclass(frozen=True)
class Column:
    name: str
    header: str  # Chinese source text, translated in the "Admin" context
    kind: str = "text"  # text | bool | int | choice
    choices: Mapping[str, str] = field(default_factory=dict)  # value -> Chinese label
    default: Any = ""


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


class EditableRowsModel(QAbstractTableModel):
    def __init__(self, columns: Sequence[Column], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.columns = tuple(columns)
        self._rows: list[dict[str, Any]] = []

    def column(self, name: str) -> int:
        return next(i for i, c in enumerate(self.columns) if c.name == name)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def rows(self) -> list[dict[str, Any]]:
        return [dict(r) for r in self._rows]

    def set_rows(self, rows: Sequence[Mapping[str, Any]]) -> None:
        self.beginResetModel()
        self._rows = [dict(r) for r in rows]
        self.endResetModel()

    def add_row(self, values: Mapping[str, Any] | None = None) -> int:
        row = {c.name: c.default for c in self.columns} | dict(values or {})
        n = len(self._rows)
        self.beginInsertRows(QModelIndex(), n, n)
        self._rows.append(row)
        self.endInsertRows()
        return n

    def remove_row(self, n: int) -> None:
        if 0 <= n < len(self._rows):
            self.beginRemoveRows(QModelIndex(), n, n)
            del self._rows[n]
            self.endRemoveRows()

    def move_row(self, n: int, step: int) -> int:
        """Move row ``n`` ``step`` places (-1 up, 1 down) if it can go; its row after."""
        to = n + step
        if not (0 <= n < len(self._rows) and 0 <= to < len(self._rows)) or step == 0:
            return n
        # beginMoveRows names the row the moved one goes before: one further down.
        self.beginMoveRows(QModelIndex(), n, n, QModelIndex(), to + 1 if step > 0 else to)
        self._rows.insert(to, self._rows.pop(n))
        self.endMoveRows()
        return to

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.columns[index.column()].kind == "bool":
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        col = self.columns[index.column()]
        value = self._rows[index.row()].get(col.name)
        if col.kind == "bool":
            if role != Qt.ItemDataRole.CheckStateRole:
                return None
            return Qt.CheckState.Checked if value else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.EditRole:
            return "" if value is None else value
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        text = "" if value is None else str(value)
        return (tr(col.choices.get(text, "")) or text) if col.kind == "choice" else text

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return False
        col = self.columns[index.column()]
        if col.kind == "bool" and role == Qt.ItemDataRole.CheckStateRole:
            checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value, 2, True)
            self._rows[index.row()][col.name] = checked
        elif col.kind != "bool" and role == Qt.ItemDataRole.EditRole:
            self._rows[index.row()][col.name] = _typed(col, value)
        else:
            return False
        self.dataChanged.emit(index, index, [role])
        return True

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self.columns)):
            return tr(self.columns[section].header)
        return None


def _typed(col: Column, value: Any) -> Any:
    """Text as typed; a whole number where the column counts something; empty as None."""
    if isinstance(value, str):
        value = value.strip()
        if value == "":
            return None
        if col.kind == "int" and value.lstrip("-").isdecimal():
            return int(value)
    return value


class ChoiceDelegate(QStyledItemDelegate):
    """A drop-down of the column's choices (labels shown, values stored)."""

    def __init__(self, model: EditableRowsModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows_model = model

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: Index) -> QWidget:
        col = self.rows_model.columns[index.column()]
        if col.kind != "choice":
            return super().createEditor(parent, option, index)
        combo = QComboBox(parent)
        for value, label in col.choices.items():
            combo.addItem(tr(label), value)
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))
            return
        super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
            return
        super().setModelData(editor, model, index)
