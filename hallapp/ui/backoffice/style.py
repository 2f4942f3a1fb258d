"""The back office's additions to ``hall.qss``: a dense desk layout (an approver reads a lot),
the deadline colours (amber warning, red overdue) and who holds the open case."""

BACKOFFICE_QSS = """
QWidget#backoffice QPushButton { font-size: 16px; padding: 7px 12px; }
QWidget#backoffice QPushButton[kind="secondary"]:disabled { background: #f3f5f8;
    color: #a0abb8; border: 2px solid #d3dae3; }
QWidget#backoffice QPushButton[kind="primary"] { font-weight: bold; }
QWidget#backoffice QPushButton[kind="danger"]:disabled,
QWidget#backoffice QPushButton[kind="primary"]:disabled { background: #b8c2ce; }
QWidget#backoffice QTableView { font-size: 15px; }
QWidget#backoffice QComboBox { font-size: 15px; }
QLabel#section { font-size: 17px; font-weight: bold; color: #0b4a8b; }
QLabel#counts { color: #5b6775; font-size: 14px; }
QLabel#caseTitle { font-size: 20px; font-weight: bold; color: #0b4a8b; }
QLabel#stateBadge { font-size: 15px; font-weight: bold; color: #ffffff; background: #0b4a8b;
    border-radius: 4px; padding: 3px 10px; }
QLabel#stateBadge[state="correction_requested"], QLabel#stateBadge[state="special_procedure"]
    { background: #a05a00; }
QLabel#stateBadge[state="approved"], QLabel#stateBadge[state="result_ready"]
    { background: #0b6b2e; }
QLabel#stateBadge[state="denied"] { background: #c8102e; }
QLabel#factName { color: #5b6775; font-size: 15px; background: transparent; }
QLabel#fact { font-size: 15px; background: transparent; }
QLabel#fact[timeliness="warning"] { color: #5c3b00; background: #ffd98a; }
QLabel#fact[timeliness="overdue"] { color: #ffffff; background: #c8102e; }
QLabel#claim { font-size: 15px; padding: 4px 8px; }
QLabel#claim[holder="other"] { background: #fde2e4; color: #a00d25; font-weight: bold; }
QLabel#claim[holder="mine"] { background: #e3f1e8; color: #0b6b2e; font-weight: bold; }
QLabel#note { background: #e3f1e8; color: #0b6b2e; padding: 4px 8px; font-size: 15px; }
QFrame#header QLabel#title { font-size: 24px; }
"""
