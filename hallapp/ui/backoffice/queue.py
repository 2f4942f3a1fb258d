"""The department's review queue: most urgent first, deadline cells amber (warning) or red
(overdue), then the cases decided and awaiting their result (待制证: 制证完成 sends them to the
window), filters by item, state and intake window, and a box to open a case by number.

A full load (:meth:`ReviewQueuePanel.reload`) reads the whole queue; the change feed only
makes it re-read the cases that changed (:meth:`ReviewQueuePanel.update_cases`), and rows
are patched in place so the approver's selection and scroll position stay put.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QItemSelection, QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hallapp.core.case_rules import STATE_LABELS
from hallapp.core.errors import NotFound, PermissionDenied
from hallapp.services import backoffice
from hallapp.services.backoffice import QUEUE_STATES, RESULT_STATES
from hallapp.services.case_views import CaseInfo
from hallapp.ui.backoffice.base import BackofficeEnv, BackofficePanel
from hallapp.ui.backoffice.models import QueueFilterProxy, ReviewQueueModel
from hallapp.ui.common.errors import local_name, user_message
from hallapp.ui.common.labels import case_label
from hallapp.ui.common.widgets import make_button, make_label

OPEN_STATES = tuple(s.value for s in QUEUE_STATES)  # what the queue lists
# Columns given up, first to last, when the queue is too narrow for all of them; the number,
# item, applicant, state and working days left always stay (the queue's minimum width).
OPTIONAL_COLUMNS = ("accepted", "window", "claimed", "deadline")
KEPT_COLUMNS = ("number", "state", "remaining")  # with the item and applicant, at their least
MIN_ITEM_WIDTH, MIN_APPLICANT_WIDTH, MAX_APPLICANT_WIDTH = 160, 100, 200
# The item name is worth more than the optional columns: they are given up before the item
# column falls below this share of the queue (or its whole text, if shorter). Below it, only
# the applicant's name gives way, down to the least widths above.
ITEM_SHARE = 0.3
PATCH_LIMIT = 20  # more changed cases than this at once: read the whole queue instead


class ReviewQueuePanel(BackofficePanel):
    case_selected = Signal(str)  # case number
    loaded = Signal()

    def __init__(self, env: BackofficeEnv, parent: QWidget | None = None) -> None:
        super().__init__(env, parent)
        self.model = ReviewQueueModel(env, self)
        self.proxy = QueueFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self._loading = self._again = False
        self._quiet = False  # selection changes made by apply(), not by the approver
        self.loaded_once = False
        self.title = make_label("", "section")
        self.counts = make_label("", "counts")
        self.item_filter, self.state_filter, self.window_filter = (QComboBox(), QComboBox(),
                                                                   QComboBox())
        for name, combo in (("itemFilter", self.item_filter), ("stateFilter", self.state_filter),
                            ("windowFilter", self.window_filter)):
            combo.setObjectName(name)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.currentIndexChanged.connect(self._on_filter_changed)
        self.lookup = QLineEdit()
        self.lookup.setObjectName("lookup")
        self.lookup.returnPressed.connect(self._on_lookup)
        self.open_button = make_button("", "secondary", "openCase")
        self.open_button.clicked.connect(self._on_lookup)
        self.message = make_label("", "error", wrap=True)
        self.table = self._make_table()
        self._build()
        self.retranslate()

    def _make_table(self) -> QTableView:
        table = QTableView()
        table.setObjectName("reviewQueue")
        table.setModel(self.proxy)
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.model.column("item"), QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(self.model.column("applicant"),
                                    QHeaderView.ResizeMode.Interactive)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.setWordWrap(False)  # else a long name showed only its first word: "Establishment …"
        table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)
        return table

    def _build(self) -> None:
        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addStretch(1)
        head.addWidget(self.counts)
        filters = QHBoxLayout()
        filters.addWidget(self.item_filter, 1)
        filters.addWidget(self.state_filter)
        filters.addWidget(self.window_filter)
        lookup = QHBoxLayout()
        lookup.addWidget(self.lookup, 1)
        lookup.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(head)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(lookup)

    def retranslate(self) -> None:
        self.lookup.setPlaceholderText(self.tr("输入或扫描办件编号打开（含已决定的办件）"))
        self.open_button.setText(self.tr("打开"))
        self._fill_filters()
        self._show_counts()

    # --- loading --------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the whole queue; a reload asked for meanwhile runs after this one."""
        if self._loading:
            self._again = True
            return
        self._loading, self._again = True, False
        ctx = self.env.ctx
        self.call(lambda: backoffice.review_queue(ctx), self._on_loaded, self._on_failed)

    def _on_loaded(self, rows: list[CaseInfo]) -> None:
        self._loading = False
        self.message.clear()
        if rows and self.env.department is None:
            self.env.department = rows[0].department
        self.model.set_rows(rows)
        self._after_change()
        self.loaded_once = True
        self.loaded.emit()
        if self._again:
            self.reload()

    def _on_failed(self, exc: BaseException) -> None:
        self._loading = False
        self.message.setText(user_message(exc, "backoffice: queue"))

    def update_cases(self, numbers: Iterable[str]) -> None:
        """Re-read only these cases and patch their rows (insert, move, update or drop)."""
        wanted = sorted(set(numbers))
        if not wanted:
            return
        if len(wanted) > PATCH_LIMIT or not self.loaded_once:
            self.reload()
            return
        ctx = self.env.ctx

        def fetch() -> list[tuple[str, CaseInfo | None]]:
            out: list[tuple[str, CaseInfo | None]] = []
            for number in wanted:
                try:
                    out.append((number, backoffice.show_for_review(ctx, number).case))
                except (PermissionDenied, NotFound):  # another department's, or gone
                    out.append((number, None))
            return out

        self.call(fetch, self._on_patched, self._on_failed)

    def _on_patched(self, found: list[tuple[str, CaseInfo | None]]) -> None:
        for number, info in found:
            self.apply(number, info)

    def apply(self, number: str, info: CaseInfo | None) -> None:
        """One case's new state: in the queue while open in the back office or awaiting its
        result (制证), else out.

        The selected case stays selected, and no other becomes selected in its place: when
        the open case left the queue (just approved) or moved in it, the row now under the
        selection was "selected", the detail jumped to that case, and 打印通知书 printed
        that other case's notice."""
        if info is not None and self.env.department is None:
            self.env.department = info.department
        chosen = self._selected()
        self._quiet = True
        try:
            if info is None or info.state not in OPEN_STATES:
                self.model.remove(number)
            else:
                self.model.upsert(info)
            self.table.clearSelection()
            if chosen is not None:
                self.select(chosen)
        finally:
            self._quiet = False
        self._after_change()

    def _selected(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        info = self.proxy.info(rows[0].row()) if rows else None
        return info.number if info is not None else None

    def _after_change(self) -> None:
        self._fill_filters()
        self._show_counts()
        self.fit_columns()
        self.updateGeometry()  # the kept columns' width (minimumSizeHint) may have changed

    def minimumSizeHint(self) -> QSize:
        """Room for the columns that always stay, the item and the applicant at their
        narrowest: an open case with a long title squeezed the queue until the applicant,
        state and time left were scrolled out of sight."""
        table = self.table
        columns = sum(self._wanted(self.model.column(c)) for c in KEPT_COLUMNS)
        applicant = min(MIN_APPLICANT_WIDTH, self._wanted(self.model.column("applicant")))
        chrome = 2 * table.frameWidth() + table.verticalScrollBar().sizeHint().width()
        wanted = columns + MIN_ITEM_WIDTH + applicant + chrome
        hint = super().minimumSizeHint()
        return QSize(max(hint.width(), wanted), hint.height())

    # --- columns that fit -------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_columns()

    def fit_columns(self) -> None:
        """Show every optional column that leaves the item name its share; the item name
        takes what is left (stretch), elided."""
        table, model = self.table, self.model
        applicant = model.column("applicant")
        table.setColumnWidth(applicant, min(MAX_APPLICANT_WIDTH, self._wanted(applicant)))
        for name in OPTIONAL_COLUMNS:
            table.setColumnHidden(model.column(name), False)
        width = table.viewport().width()
        item = min(self._wanted(model.column("item")), int(width * ITEM_SHARE))
        room = width - max(MIN_ITEM_WIDTH, item)
        for name in OPTIONAL_COLUMNS:
            if self._needed() <= room:
                return
            table.setColumnHidden(model.column(name), True)
        room = width - MIN_ITEM_WIDTH
        over = self._needed() - room  # still too wide: the applicant's name is elided
        if over > 0:
            table.setColumnWidth(applicant, max(MIN_APPLICANT_WIDTH,
                                                table.columnWidth(applicant) - over))

    def _wanted(self, column: int) -> int:
        return max(self.table.sizeHintForColumn(column),
                   self.table.horizontalHeader().sectionSizeHint(column))

    def _needed(self) -> int:
        item = self.model.column("item")
        return sum(self.table.columnWidth(c) if c == self.model.column("applicant")
                   else self._wanted(c) for c in range(self.model.columnCount())
                   if c != item and not self.table.isColumnHidden(c))

    # --- filters, counts, selection ---------------------------------------------------------

    def _fill_filters(self) -> None:
        rows = self.model.rows()
        items = dict(sorted({(r.item_code, local_name(r.item_name, r.item_name_en))
                             for r in rows}, key=lambda p: p[1]))
        windows = sorted({r.window for r in rows if r.window})
        self._fill(self.item_filter, self.tr("全部事项"), list(items.items()))
        self._fill(self.state_filter, self.tr("全部状态"),
                   [(s.value, case_label(STATE_LABELS[s])) for s in QUEUE_STATES])
        self._fill(self.window_filter, self.tr("全部窗口"),
                   [(w, self.tr("{0}号窗口").format(w)) for w in windows])

    def _fill(self, combo: QComboBox, everything: str, entries: list[tuple[object, str]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everything, None)
        for value, text in entries:
            combo.addItem(text, value)
        at = combo.findData(current) if current is not None else 0
        if at < 0:  # the filtered value is gone: keep it, so the filter does not jump
            combo.addItem(str(current), current)
            at = combo.count() - 1
        combo.setCurrentIndex(at)
        combo.blockSignals(False)

    def set_filters(self, item: str | None = None, state: str | None = None,
                    window: int | None = None) -> None:
        for combo, value in ((self.item_filter, item), (self.state_filter, state),
                             (self.window_filter, window)):
            combo.setCurrentIndex(max(0, combo.findData(value)) if value is not None else 0)
        self._on_filter_changed()

    def _on_filter_changed(self, _index: int = 0) -> None:
        self.proxy.set_filters(self.item_filter.currentData(), self.state_filter.currentData(),
                               self.window_filter.currentData())
        self._show_counts()

    def _show_counts(self) -> None:
        rows = self.model.rows()
        overdue = sum(r.timeliness == "overdue" for r in rows)
        warning = sum(r.timeliness == "warning" for r in rows)
        results = sum(r.state in RESULT_STATES for r in rows)
        self.title.setText(self.tr("本部门待审办件（{0}）").format(len(rows) - results))
        self.counts.setText(self.tr("超期 {0} · 预警 {1} · 待制证 {2} · 显示 {3}").format(
            overdue, warning, results, self.proxy.rowCount()))

    def visible_numbers(self) -> list[str]:
        """Case numbers in the order shown (after filters)."""
        return [info.number for r in range(self.proxy.rowCount())
                if (info := self.proxy.info(r)) is not None]

    def select(self, number: str) -> bool:
        for r in range(self.proxy.rowCount()):
            info = self.proxy.info(r)
            if info is not None and info.number == number:
                self.table.selectRow(r)
                return True
        return False

    def _on_table_selection_changed(self, selected: QItemSelection,
                                    _deselected: QItemSelection) -> None:
        if self._quiet:
            return
        rows = selected.indexes()
        info = self.proxy.info(rows[0].row()) if rows else None
        if info is not None:
            self.case_selected.emit(info.number)

    def _on_lookup(self) -> None:
        number = self.lookup.text().strip().upper()
        if number:
            self.case_selected.emit(number)
