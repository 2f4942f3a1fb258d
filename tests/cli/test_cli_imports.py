"""Building the ``hallapp`` parser loads no document or spreadsheet library.

Every command builds the whole parser first, ``hallapp run ROLE`` included, so a library
imported at the top of a command module is paid for by every client start. reportlab
(print, kpi report), qrcode and openpyxl (catalogue and kpi files) load in the commands
that use them.
"""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("reportlab", "qrcode", "openpyxl", "pypinyin", "PySide6",
         "hallapp.services.printing", "hallapp.services.report_files",
         "hallapp.services.catalogue_xlsx")
CHILD = """
import json, sys
from hallapp.cli.main import build_parser
build_parser()
print(json.dumps(sorted(m for m in json.loads(sys.argv[1]) if m in sys.modules)))
"""


def test_the_parser_loads_no_heavy_library() -> None:
    out = subprocess.run([sys.executable, "-c", CHILD, json.dumps(HEAVY)], capture_output=True,
                         text=True, timeout=120, check=True)
    assert json.loads(out.stdout) == []
