"""writer: the batch writer of a SQLite hall (``hallapp.services.batch_writer``)."""

from __future__ import annotations

import signal
import threading
from typing import Any

from hallapp.cli.common import CliEnv
from hallapp.cli.lang import _
from hallapp.config import resolve_db_url
from hallapp.core.errors import StateError


def register(sub: Any) -> None:
    p = sub.add_parser(
        "writer", help=_("本机 SQLite 大厅的批量写入进程：把各终端的取号、叫号、办结合并提交"
                         "（可选；未运行时各终端直接写库）",
                         "The batch writer of a local SQLite hall: commits the terminals' "
                         "takes, calls and finishes together (optional; without it each "
                         "terminal writes directly)"))
    p.set_defaults(func=cmd_writer, log_role="writer")


def cmd_writer(env: CliEnv) -> int:
    from hallapp.services.batch_writer import AlreadyRunning, BatchWriter

    try:
        writer = BatchWriter(resolve_db_url(env.args.db))
    except ValueError:
        raise StateError("批量写入进程只用于本机 SQLite 数据库文件", code="writer_not_sqlite") \
            from None
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    try:
        writer.start()
    except AlreadyRunning:
        raise StateError(f"本数据库已有批量写入进程在运行（{writer.path}）",
                         code="writer_running", path=str(writer.path)) from None
    print(f"批量写入进程已启动：{writer.path}（Ctrl+C 或 SIGTERM 停止）", flush=True)
    writer.serve(stop)
    print(f"已停止：{writer.batches} 批，{writer.requests} 个操作", flush=True)
    if writer.stopped is not None:  # its database file was replaced: a service restarts it
        raise StateError(writer.stopped, code="writer_db_replaced", path=writer.db_file)
    return 0
