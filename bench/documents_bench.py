"""How long the kiosk and the window wait for a PDF.

Cold: the first build in a fresh process (imports, CJK font loading and registration,
styles), measured in a child process per document. Warm: median and p95 of 200 builds
after that. Prints a markdown table.

    .venv/bin/python bench/documents_bench.py [--runs 200]
"""

from __future__ import annotations

import argparse
import itertools
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import replace

COLD = ("ticket 80 mm", "receipt A4, 3 materials")


def cases() -> dict[str, Callable[[], bytes]]:
    """Imported here, not at module top, so a child process can time the imports."""
    from hallapp.documents import build_notice, build_receipt, build_ticket
    from hallapp.documents.samples import (
        sample_notice,
        sample_receipt,
        sample_ticket,
    )

    missing = sample_notice("missing", long=True)
    serial = itertools.count(1)

    def ticket(width: int) -> bytes:
        # A new number each time, as at the kiosk: no cached QR matrix helps.
        n = next(serial)
        data = replace(sample_ticket(), number=f"A{n % 1000:03d}", ticket_id=n)
        return build_ticket(data, width_mm=width)

    return {
        "ticket 80 mm": lambda: ticket(80),
        "ticket 58 mm": lambda: ticket(58),
        "receipt A4, 3 materials": lambda: build_receipt(sample_receipt(), page="A4"),
        "receipt A4, 15 long materials": lambda: build_receipt(sample_receipt(long=True)),
        "receipt A5, 15 long materials": lambda: build_receipt(sample_receipt(long=True),
                                                               page="A5"),
        "一次性告知书 A4, 15 materials": lambda: build_notice("missing", missing),
    }


def _child(name: str) -> None:
    """Run in a fresh interpreter: time imports and the first build separately."""
    start = time.perf_counter()
    build = cases()[name]
    imported = time.perf_counter()
    build()
    done = time.perf_counter()
    print(json.dumps({"import_ms": (imported - start) * 1000,
                      "first_ms": (done - imported) * 1000}))


def cold(name: str) -> dict[str, float]:
    out = subprocess.run([sys.executable, __file__, "--child", name], check=True,
                         capture_output=True, text=True).stdout
    result: dict[str, float] = json.loads(out.strip().splitlines()[-1])
    return result


def warm(build: Callable[[], bytes], runs: int) -> tuple[float, float, int]:
    build()
    times = []
    size = 0
    for _ in range(runs):
        start = time.perf_counter()
        size = len(build())
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1], size


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--child")
    args = parser.parse_args()
    if args.child:
        _child(args.child)
        return
    print("| document | cold import ms | cold first build ms | warm median ms | warm p95 ms "
          "| PDF KiB |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, build in cases().items():
        c = cold(name) if name in COLD else None
        median, p95, size = warm(build, args.runs)
        cold_cells = (f"{c['import_ms']:.0f} | {c['first_ms']:.0f}" if c else "– | –")
        print(f"| {name} | {cold_cells} | {median:.1f} | {p95:.1f} | {size / 1024:.0f} |")


if __name__ == "__main__":
    main()
