"""In-process ``hallapp`` runs for the CLI tests, on the demo hall and the test clock."""

from __future__ import annotations

import functools
import json
import re
from typing import Any

import pytest
from conftest import CHEAP, FakeClock

from hallapp.cli import common
from hallapp.cli.main import main
from hallapp.services import staff
from hallapp.services.context import Ctx
from hallapp.store.uow import Database


def run_main(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """``hallapp *argv`` as given (no --db or --user added) → (exit code, stdout, stderr)."""
    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


class Cli:
    """Runs ``hallapp --db URL --user USER …`` and keeps the exit code, stdout and stderr."""

    def __init__(self, url: str, capsys: pytest.CaptureFixture[str]) -> None:
        self.url, self.capsys = url, capsys
        self.out = self.err = ""

    def __call__(self, user: str, *args: str) -> int:
        code = main(["--db", self.url, "--user", user, *args])
        self.out, self.err = self.capsys.readouterr()
        return code

    def json(self, user: str, *args: str) -> Any:
        code = self(user, *args, "--json")
        assert code == 0, self.err
        return json.loads(self.out)

    def fails(self, code: int, user: str, *args: str) -> str:
        assert self(user, *args) == code, (self.out, self.err)
        assert self.err.startswith("hallapp: ")
        return self.err


def make_cli(db: Database, clock: FakeClock, capsys: pytest.CaptureFixture[str],
             monkeypatch: pytest.MonkeyPatch) -> Cli:
    """Demo passwords (demo1234, cheaply hashed) and the test clock for every command."""
    monkeypatch.setenv("HALLAPP_PASSWORD", "demo1234")
    monkeypatch.setenv("HALLAPP_TERMINAL", "cli-test")
    monkeypatch.delenv("HALLAPP_USER", raising=False)
    monkeypatch.setattr(staff, "_hasher", CHEAP)
    monkeypatch.setattr(common, "Ctx", functools.partial(Ctx, clock=clock))
    return Cli(db.url, capsys)


CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def chinese_keys(*values: Any) -> list[str]:
    """The keys, at any depth of ``values`` (JSON), written with Chinese characters: a
    ``--json`` output's keys are English."""
    def keys(value: Any) -> set[str]:
        if isinstance(value, dict):
            return set(value).union(*(keys(v) for v in value.values()))
        if isinstance(value, list):
            return set().union(*(keys(v) for v in value))
        return set()
    return sorted(k for v in values for k in keys(v) if CJK.search(k))
