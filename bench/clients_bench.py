"""Front clients: cold start to first frame, memory after a simulated hour, call-to-screen.

A benchmark, not a test: ``python bench/clients_bench.py [--runs 5] [--calls 50]
[--engines sqlite,postgresql] [--sim-seconds 60]``. Every client runs in a fresh
``python -c`` subprocess (QT_QPA_PLATFORM=offscreen) on a demo database made with
``hallapp init --demo``; the parent passes ``time.time()`` in argv and the child prints the
delta at the first paint of its top-level widget (same machine, so wall clocks agree).
Prints markdown tables for bench/RESULTS.md.

hallapp's own bytecode is compiled first (``compileall``), as on any installed machine: pip
compiles at install, and a client writes ``__pycache__`` at its first start. Where
PYTHONDONTWRITEBYTECODE is set (this development sandbox) nothing would be cached, and every
measured start would compile hallapp's modules from source again (~40 ms for the counter's
UI modules alone).
"""

from __future__ import annotations

import argparse
import compileall
import contextlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import create_engine, text

PY = sys.executable
ROLES = ["display", "kiosk", "counter", "rating", "backoffice", "supervisor", "admin"]
PG_ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"

# The child: build the client as the launcher does (without the slow password check) and
# print seconds from the parent's timestamp to the first Paint of the top-level widget.
# Imports in the order of `hallapp run` (cli/cmd_run.py): the database layer, then PySide6
# and the UI. The order matters: PySide6's import hook reads the source of every module
# imported after it, which `hallapp run` does not pay for SQLAlchemy and the models.
CHILD = r'''
import sys, time, os
t0, role, url = float(sys.argv[1]), sys.argv[2], sys.argv[3]
if role != "empty":
    from sqlalchemy import select
    from hallapp.core.roles import Actor, Role
    from hallapp.services.context import Database
    from hallapp.store.models import Staff
from PySide6.QtCore import QObject, QEvent
from PySide6.QtWidgets import QApplication, QWidget
if role == "empty":
    app = QApplication([])
    w = QWidget()
else:
    from hallapp.ui.common.qt_app import application
    from hallapp.ui.launcher import CLIENTS, create_client
    app = application("zh")
    db = Database(url)
    with db.read_session() as s:
        r = s.scalars(select(Staff).where(Staff.username == CLIENTS[role].demo_user)).one()
    actor = Actor(r.username, Role(r.role), r.id, r.name, r.department_id, r.window_number)
    w = create_client(role, db, actor, {"window": 1, "fullscreen": False})
class F(QObject):
    def eventFilter(self, obj, ev):
        if ev.type() == QEvent.Type.Paint:
            rss = next(x for x in open("/proc/self/status") if x.startswith("VmRSS"))
            print(f"FIRST {time.time() - t0:.4f} {int(rss.split()[1]) / 1024:.1f}", flush=True)
            os._exit(0)
        return False
f = F(); w.installEventFilter(f); w.resize(1280, 800); w.show()
app.exec()
'''


def env() -> dict[str, str]:
    e = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    e.setdefault("HALLAPP_DATA_DIR", tempfile.mkdtemp(prefix="clients-bench-"))
    return e


def demo_db(engine: str, folder: Path) -> str:
    if engine == "sqlite":
        url = f"sqlite:///{folder / 'hall.sqlite3'}"
    else:
        name = f"clients_bench_{uuid.uuid4().hex[:8]}"
        admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        admin.dispose()
        url = PG_ADMIN.rsplit("/", 1)[0] + f"/{name}"
    subprocess.run([PY, "-m", "hallapp.cli.main", "init", "--demo", "--db", url], check=True,
                   env=env(), capture_output=True)
    return url


def drop_pg(url: str) -> None:
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)'))
    admin.dispose()


def first_frame(role: str, url: str) -> tuple[float, float]:
    """Seconds to the first paint, and RSS (MB) at that moment."""
    out = subprocess.run([PY, "-c", CHILD, repr(time.time()), role, url], env=env(),
                         capture_output=True, text=True, timeout=120)
    line = next((x for x in out.stdout.splitlines() if x.startswith("FIRST")), None)
    if line is None:
        raise RuntimeError(f"{role}: no frame\n{out.stderr[-2000:]}")
    return float(line.split()[1]), float(line.split()[2])


def bench_start(url: str, runs: int) -> None:
    base = 0.0
    print(f"\n| client | first frame, median of {runs} (s) | × empty window "
          "| RSS at first frame (MB) |\n|---|---|---|---|")
    for role in ["empty", *ROLES]:
        seen = [first_frame(role, url) for _ in range(runs)]
        med = statistics.median(t for t, _ in seen)
        base = base or med
        print(f"| {role} | {med:.3f} | {med / base:.1f} | "
              f"{statistics.median(m for _, m in seen):.0f} |", flush=True)


# The client for memory and latency: prints RSS lines, and PAINT <number> <time> each time
# the display repainted after a ticket_called event for that number.
LIVE = r'''
import sys, time, os
role, url, stop = sys.argv[1], sys.argv[2], sys.argv[3]
from sqlalchemy import select  # in the order of `hallapp run`, as CHILD
from hallapp.core.roles import Actor, Role
from hallapp.services.context import Database
from hallapp.store.models import Staff
from PySide6.QtCore import QTimer
from hallapp.ui.common.qt_app import application
from hallapp.ui.launcher import CLIENTS, create_client
def rss():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS"):
            return int(line.split()[1]) / 1024
app = application("zh")
db = Database(url)
with db.read_session() as s:
    r = s.scalars(select(Staff).where(Staff.username == CLIENTS[role].demo_user)).one()
actor = Actor(r.username, Role(r.role), r.id, r.name, r.department_id, r.window_number)
w = create_client(role, db, actor, {"window": 1, "fullscreen": False})
w.resize(1280, 800); w.show()
pending = []
if role == "display":
    from hallapp.ui.common.feed import FeedWatcher
    fw = w.findChild(FeedWatcher)
    fw.events_arrived.connect(lambda evs: pending.extend(
        e.payload.get("number") for e in evs if e.kind == "ticket_called"))
    def painted():
        if pending:
            w.repaint()
            now = time.time()
            for n in pending:
                print(f"PAINT {n} {now:.6f}", flush=True)
            pending.clear()
    w.refreshed.connect(painted)
QTimer.singleShot(2000, lambda: print(f"RSS0 {rss():.1f}", flush=True))
def check_stop():
    if os.path.exists(stop):
        print(f"RSS1 {rss():.1f}", flush=True)
        app.quit()
timer = QTimer(interval=250); timer.timeout.connect(check_stop); timer.start()
print("READY", flush=True)
app.exec()
os._exit(0)
'''


def live_client(role: str, url: str, stop: Path) -> subprocess.Popen[str]:
    """A client subprocess that prints RSS1 and quits once the file ``stop`` exists."""
    proc = subprocess.Popen([PY, "-c", LIVE, role, url, str(stop)], env=env(),
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    for line in proc.stdout:  # ends at EOF if the client died before it was ready
        if line.strip() == "READY":
            return proc
    raise SystemExit(f"{role} client exited before it was ready (exit code {proc.wait()})")


def bench_memory(url: str, sim_seconds: int) -> None:
    """Counter and display while ``hallapp simulate live`` plays one hour at high speed."""
    speed = max(1, 3600 // sim_seconds)
    stop = Path(tempfile.mkdtemp()) / "stop"
    clients = {role: live_client(role, url, stop) for role in ("counter", "display")}
    sim_env = dict(env(), HALLAPP_USER="supervisor1", HALLAPP_PASSWORD="demo1234")
    sim = subprocess.run([PY, "-m", "hallapp.cli.main", "simulate", "live", "--db", url,
                          "--speed", str(speed), "--hours", "1", "--start", "09:00"],
                         env=sim_env, capture_output=True, text=True)
    print(f"\nsimulate live --speed {speed} --hours 1: exit {sim.returncode} "
          f"{sim.stdout.strip()[-300:]} {sim.stderr.strip()[-300:]}")
    stop.touch()
    print("\n| client | RSS after start (MB) | RSS after the simulated hour (MB) |\n|---|---|---|")
    for role, proc in clients.items():
        out, _ = proc.communicate(timeout=120)
        vals = dict(x.split() for x in out.splitlines() if x.startswith("RSS"))
        print(f"| {role} | {vals.get('RSS0')} | {vals.get('RSS1')} |")


def bench_latency(engine: str, url: str, calls: int) -> None:
    from sqlalchemy import select

    from hallapp.core.roles import Actor, Role
    from hallapp.services import tickets, windows
    from hallapp.services.context import Ctx, Database
    from hallapp.store.models import Staff

    db = Database(url)
    actors = {}
    with db.read_session() as s:
        for name in ("clerk1", "kiosk1"):
            r = s.scalars(select(Staff).where(Staff.username == name)).one()
            actors[name] = Actor(r.username, Role(r.role), r.id, r.name, r.department_id,
                                 r.window_number)
    clerk, kiosk = (Ctx(db, actors[n], terminal="bench") for n in ("clerk1", "kiosk1"))
    display = live_client("display", url, Path(tempfile.mkdtemp()) / "never")
    assert display.stdout is not None
    with contextlib.suppress(Exception):  # already open from an earlier engine's run
        windows.open_window(clerk, 1)
    delays = []
    for _ in range(calls):
        tickets.take_ticket(kiosk, "A")
        info = windows.call_next(clerk, 1)
        sent = time.time()
        while True:
            parts = display.stdout.readline().split()
            if parts and parts[0] == "PAINT" and parts[1] == info.number:
                delays.append(float(parts[2]) - sent)
                break
        windows.noshow(clerk, 1)
    display.kill()
    db.dispose()
    q = statistics.quantiles(delays, n=20)
    print(f"| {engine} | {len(delays)} | {statistics.median(delays) * 1000:.0f} | "
          f"{q[18] * 1000:.0f} | {max(delays) * 1000:.0f} |", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--calls", type=int, default=50)
    ap.add_argument("--engines", default="sqlite,postgresql")
    ap.add_argument("--sim-seconds", type=int, default=60)
    ap.add_argument("--parts", default="start,memory,latency")
    a = ap.parse_args()
    parts = a.parts.split(",")
    compileall.compile_dir(str(Path(__file__).resolve().parents[1] / "hallapp"), quiet=1)
    folder = Path(tempfile.mkdtemp(prefix="clients-bench-"))
    sqlite_url = demo_db("sqlite", folder)
    if "start" in parts:
        bench_start(sqlite_url, a.runs)
    if "memory" in parts:
        bench_memory(demo_db("sqlite", Path(tempfile.mkdtemp(dir=folder))), a.sim_seconds)
    if "latency" in parts:
        print("\n| engine | calls | p50 (ms) | p95 (ms) | max (ms) |\n|---|---|---|---|---|")
        for engine in a.engines.split(","):
            url = demo_db(engine, Path(tempfile.mkdtemp(dir=folder)))
            try:
                bench_latency(engine, url, a.calls)
            finally:
                if engine != "sqlite":
                    drop_pg(url)


if __name__ == "__main__":
    main()
