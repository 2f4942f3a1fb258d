"""Setting a database up from the command line: ``init``, ``demo``, and what a command says
on a database that is not ready (no file, no hall).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from argon2 import PasswordHasher

from hallapp.cli.main import main
from hallapp.services import staff
from hallapp.store.uow import Database

CHEAP = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Run:
    """``run("--db", url, "init")`` → (exit code, stdout, stderr); cheap password hashes."""
    monkeypatch.setattr(staff, "_hasher", CHEAP)
    for name in ("HALLAPP_ADMIN_PASSWORD", "HALLAPP_USER", "HALLAPP_PASSWORD"):
        monkeypatch.delenv(name, raising=False)

    def call(*argv: str) -> tuple[int, str, str]:
        capsys.readouterr()
        code = main(list(argv))
        out, err = capsys.readouterr()
        return code, out, err

    return call


def test_the_demo_refuses_a_real_hall(empty_db: Database, run: Run,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HALLAPP_ADMIN_PASSWORD", "Admin1234")
    assert run("--db", empty_db.url, "init")[0] == 0
    from hallapp.ui import launcher

    def launched(*_: Any, **__: Any) -> int:
        raise AssertionError("the demo's clients were started on a real hall")

    monkeypatch.setattr(launcher, "run_demo", launched)
    code, _, err = run("--db", empty_db.url, "demo")
    assert code == 13
    assert err.startswith("hallapp: ")
    assert "不是演示大厅" in err
    assert "hallapp run" in err
