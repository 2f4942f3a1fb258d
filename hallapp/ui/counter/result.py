"""After a decision: what was decided and where its documents went (one after the other: a
容缺 acceptance hands over the receipt and the supplement notice), with a reprint button when
printing failed — for that document and those after it (the decision itself is already
recorded; only the paper is missing)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QWidget

from hallapp.ui.common.errors import user_message
from hallapp.ui.common.widgets import make_button, make_label
from hallapp.ui.counter.base import CounterEnv, CounterPanel
from hallapp.ui.counter.printing import DOCUMENTS, CaseDocumentPrinter, Document, print_document

if TYPE_CHECKING:
    from hallapp.services.printing import PrintRecord  # reportlab: loaded at the first print


class DocumentStatus(CounterPanel):
    printed = Signal(object)  # PrintRecord

    def __init__(self, env: CounterEnv, printer: CaseDocumentPrinter,
                 parent: QWidget | None = None) -> None:
        super().__init__(env, parent)
        self.printer = printer
        self.last: tuple[str, list[Document]] | None = None  # (case, documents still to print)
        self.result = make_label("", "result", wrap=True)
        self.error = make_label("", "error", wrap=True)
        self.reprint_button = make_button("", "secondary", "reprint")
        self.reprint_button.clicked.connect(self._on_reprint_clicked)
        self.reprint_button.hide()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.result, 1)
        row.addWidget(self.error, 1)
        row.addWidget(self.reprint_button)
        self.retranslate()
        self._fit()

    def _fit(self) -> None:
        """Shown only with something to say: empty, its line went to the checklist above
        (at 1366×768 a row of materials more)."""
        self.setVisible(bool(self.result.text() or self.error.text())
                        or not self.reprint_button.isHidden())

    def retranslate(self) -> None:
        self.reprint_button.setText(self.tr("重新打印"))

    def set_online(self, online: bool) -> None:
        self.reprint_button.setEnabled(online)

    def print_document(self, summary: str, case: str, decision: str) -> None:
        """Print (or save) the documents of ``decision``, in order; off the GUI thread."""
        self.result.setText(summary)
        self._print(case, list(DOCUMENTS.get(decision, ())), reprint=False)

    def _print(self, case: str, documents: list[Document], reprint: bool) -> None:
        self.last = (case, documents)
        self.error.clear()
        self.reprint_button.hide()
        self._fit()
        if not documents:
            return
        ctx, printer, document = self.env.ctx, self.printer, documents[0]
        self.call(lambda: print_document(ctx, printer, case, document, reprint),
                  lambda record: self._on_printed(case, documents[1:], record),
                  self._on_print_failed)

    def _on_printed(self, case: str, rest: list[Document], record: PrintRecord) -> None:
        # The document by name, where it went in words (not "receipt pdf:/…", not "Saved：")
        document = self._document_name(record.document)
        place = (record.printer or "").removeprefix("pdf:")
        line = (self.tr("{0}已保存为 PDF：{1}") if record.outcome == "saved"
                else self.tr("{0}已打印：{1}")).format(document, place)
        self.result.setText(f"{self.result.text()}\n{line}")
        self._fit()
        self.printed.emit(record)
        self._print(case, rest, reprint=False)

    def _document_name(self, document: str) -> str:
        names = {"receipt": self.tr("受理回执"), "notice_missing": self.tr("一次性告知书"),
                 "notice_refusal": self.tr("不予受理通知书"),
                 "notice_correction": self.tr("补正材料通知书"),
                 "notice_supplement": self.tr("容缺受理补交材料通知书"),
                 "notice_result": self.tr("办结通知书")}
        return names.get(document, document)

    def _on_print_failed(self, exc: BaseException) -> None:
        self.error.setText(self.tr("打印失败：{0}").format(user_message(exc, "counter: print")))
        self.reprint_button.show()
        self._fit()

    def _on_reprint_clicked(self) -> None:
        if self.last is not None:
            self._print(*self.last, reprint=True)
