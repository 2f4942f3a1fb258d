"""材料核验: the item's materials in a table, one click per material on the cell of its
status (已收, 在线核验, 承诺 — only where allowed —, 缺, 不符 with a note), copies edited
in place. Marks are kept here and in the journal first; the intake records them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hallapp.ui.common.errors import local_name
from hallapp.ui.common.widgets import make_label
from hallapp.ui.counter.dialogs import ReasonDialog
from hallapp.ui.counter.models import STATUS_COLUMNS, ChecklistModel, ChecklistRow

if TYPE_CHECKING:  # the intake rules and case services load with the first item (intake.py)
    from hallapp.core.catalogue import Item
    from hallapp.core.intake import MaterialMark
    from hallapp.services.case_views import MaterialState


class ChecklistPanel(QWidget):
    mark_changed = Signal(str)  # material code

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ChecklistModel(self)
        self.title = make_label("", "section")
        self.table = QTableView()
        self.table.setObjectName("checklist")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.clicked.connect(self._on_table_clicked)
        self.table.installEventFilter(self)
        self.model.dataChanged.connect(self._on_model_data_changed)
        self.hint = make_label("", "hint", wrap=True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.hint)
        self._quiet = False
        self.retranslate()

    def hasHeightForWidth(self) -> bool:
        """No: the table scrolls, so the panel takes the height left to it. (The wrapped hint
        would make it height-for-width, and a vertical layout then holds such a widget to its
        whole preferred height, pushing it over the applicant form above.)"""
        return False

    def retranslate(self) -> None:
        self.title.setText(self.tr("材料核验"))
        self.hint.setText(self.tr("单击状态格标记材料（或用方向键选格后按空格/回车）；"
                                  "“不符”须填写说明；双击份数可修改"))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Space or Enter on a status cell marks it as a click does; Enter on 份数 edits it."""
        if watched is not self.table or event.type() != QEvent.Type.KeyPress \
                or not isinstance(event, QKeyEvent) \
                or event.key() not in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter) \
                or self.table.state() == QAbstractItemView.State.EditingState:
            return False
        index = self.table.currentIndex()
        if not index.isValid():
            return False
        if self.model.COLUMNS[index.column()] in STATUS_COLUMNS:
            self._on_table_clicked(index)
            return True
        if self.model.flags(index) & Qt.ItemFlag.ItemIsEditable:
            self.table.edit(index)
            return True
        return False

    def load_item(self, item: Item, marks: dict[str, dict[str, object]]) -> None:
        """The item's materials, with the marks already made (from the journal)."""
        rows = []
        for m in item.materials:
            mark = marks.get(m.code, {})
            rows.append(ChecklistRow(
                m.code, local_name(m.name, m.name_en), m.required, m.core,
                item.commitment_allowed and m.commitment_replaceable,
                _text(mark.get("status")), int(str(mark.get("copies") or 0)),
                _text(mark.get("note"))))
        self._quiet = True
        self.model.set_rows(rows)
        self._quiet = False
        self.table.resizeRowsToContents()
        if rows:  # a current cell, for the keyboard: the first material's 已收
            self.table.setCurrentIndex(self.model.index(0, self.model.column("received")))

    def show_states(self, states: tuple[MaterialState, ...]) -> None:
        """What the database holds, for materials not marked differently here."""
        self._quiet = True
        for state in states:
            if state.status is None:
                continue
            n = self.model.row_of(state.code)
            self.model.update_row(n, status=state.status, copies=state.copies, note=state.note)
        self._quiet = False

    def clear(self) -> None:
        self.model.set_rows([])

    def set_status(self, code: str, status: str, note: str | None = None) -> bool:
        """Mark one material; False when the status is not allowed for it."""
        n = self.model.row_of(code)
        row = self.model.row(n)
        if status == "commitment" and not row.commitment_ok:
            return False
        # Nothing handed over on paper: no copies (marked 缺 after 已收, 1 copy stayed).
        copies = 0 if status in NO_PAPER else row.copies or (1 if status == "received" else 0)
        self._quiet = True
        self.model.update_row(n, status=status, note=note if status == "faulty" else None,
                              copies=copies)
        self._quiet = False
        self.mark_changed.emit(code)
        return True

    def _on_table_clicked(self, index: QModelIndex) -> None:
        column = self.model.COLUMNS[index.column()]
        if column not in STATUS_COLUMNS:
            return
        row: ChecklistRow = self.model.row(index.row())
        note = None
        if column == "faulty":
            note = ReasonDialog.ask(self.window(), self.tr("材料不符合要求"),
                                    self.tr("“{0}”哪里不符合要求？将写入一次性告知书").format(
                                        row.name),
                                    (("未签字或未盖章", self.tr("未签字或未盖章")),
                                     ("复印件不清晰", self.tr("复印件不清晰")),
                                     ("已过有效期", self.tr("已过有效期")),
                                     ("信息与申请不一致", self.tr("信息与申请不一致"))))
            if note is None:
                return
        self.set_status(row.code, column, note)

    def _on_model_data_changed(self, top: QModelIndex, _bottom: QModelIndex) -> None:
        if not self._quiet:  # copies edited in the table
            self.mark_changed.emit(self.model.row(top.row()).code)

    def mark_of(self, code: str) -> dict[str, object]:
        row = self.model.row(self.model.row_of(code))
        return {"status": row.status, "copies": row.copies, "note": row.note}

    def codes_marked(self, status: str) -> list[str]:
        return [r.code for r in self.model.rows() if r.status == status]

    def marks(self, codes: list[str] | None = None) -> list[MaterialMark]:
        """Marks with a status (of ``codes``, or all), as the service takes them."""
        from hallapp.core.intake import MaterialMark

        return [MaterialMark(r.code, r.status, copies=r.copies, note=r.note)
                for r in self.model.rows()
                if r.status is not None and (codes is None or r.code in codes)]


NO_PAPER = frozenset({"missing", "commitment", "verified_online"})


def _text(value: object) -> str | None:
    return None if value is None else str(value)
