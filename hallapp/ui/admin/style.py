"""The admin client's additions to ``hall.qss``: an office screen, so compact controls,
errors in red under their field, confirmations in green."""

ADMIN_QSS = """
QWidget#admin QPushButton { font-size: 15px; padding: 6px 12px; }
QWidget#admin QPushButton[kind="secondary"]:disabled { background: #f3f5f8; color: #a0abb8;
    border: 2px solid #d3dae3; }
QWidget#admin QLineEdit, QWidget#admin QComboBox, QWidget#admin QSpinBox,
QWidget#admin QDateEdit, QWidget#admin QPlainTextEdit { padding: 3px; font-size: 15px; }
QWidget#admin QLineEdit[invalid="true"], QWidget#admin QComboBox[invalid="true"],
QWidget#admin QSpinBox[invalid="true"], QWidget#admin QPlainTextEdit[invalid="true"],
QWidget#admin QTableView[invalid="true"], QWidget#admin QGroupBox[invalid="true"] {
    border: 2px solid #c8102e; }
QWidget#admin QTableView { font-size: 14px; }
QWidget#admin QHeaderView::section { font-size: 14px; padding: 4px; }
QWidget#admin QGroupBox { font-weight: bold; color: #0b4a8b; border: 1px solid #d5dde8;
    border-radius: 6px; margin-top: 14px; padding-top: 8px; }
QWidget#admin QGroupBox::title { subcontrol-origin: margin; left: 10px; padding: 0 4px; }
QWidget#admin QCheckBox { font-weight: normal; color: #1b1f24; }
QWidget#admin QTabBar::tab { padding: 8px 16px; font-size: 16px; }
QWidget#admin QTabBar::tab:selected { color: #0b4a8b; font-weight: bold; }
QLabel#fieldError { color: #c8102e; font-size: 13px; }
QLabel#section { font-size: 18px; font-weight: bold; color: #0b4a8b; }
QLabel#result { color: #0b6b2e; font-size: 14px; font-weight: bold; }
QLabel#verify { font-size: 15px; font-weight: bold; }
QLabel#verify[ok="true"] { color: #0b6b2e; }
QLabel#verify[ok="false"] { color: #c8102e; }
QFrame#header QLabel#hallTitle { font-size: 22px; font-weight: bold; }
"""
