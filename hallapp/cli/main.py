"""``hallapp`` command line: every command has --help, --db, and JSON output with --json.

Errors the rules raise go to stderr as one line with a distinct exit code; anything
unexpected is logged with a reference and never shown as a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy.exc import DBAPIError

from hallapp.cli import (
    cmd_admin,
    cmd_case,
    cmd_catalogue,
    cmd_db,
    cmd_kpi,
    cmd_print,
    cmd_queue,
    cmd_run,
    cmd_simulate,
    cmd_staff,
    cmd_writer,
    lang,
)
from hallapp.cli.argparse_zh import ChineseParser
from hallapp.cli.common import CliEnv
from hallapp.cli.lang import _
from hallapp.cli.log_line import loggable
from hallapp.core.errors import DomainError
from hallapp.logs import log, log_error, setup_logging
from hallapp.services.context import (
    is_busy_error,
    is_connection_error,
    is_disk_error,
    is_session_dropped,
    is_write_refused,
)
from hallapp.store.engine import is_privilege_error
from hallapp.store.schema import privilege_error

LANG_HELP = ("命令行语言：zh 中文（默认），en 英文；默认取环境变量 HALLAPP_LANG",
             "Language of the command line: zh Chinese (default), en English; default from "
             "the environment variable HALLAPP_LANG")
MODULES = [cmd_db, cmd_catalogue, cmd_staff, cmd_admin, cmd_queue, cmd_run, cmd_print, cmd_case,
           cmd_simulate, cmd_kpi, cmd_writer]


def build_parser() -> argparse.ArgumentParser:
    parser = ChineseParser(prog="hallapp", description=_(
        "政务服务大厅排队与窗口系统 hallapp",
        "hallapp: queues and windows of a government service hall"))
    parser.add_argument("--version", action="store_true", help=_("版本、数据库与数据库结构版本",
                                                                 "Version, database and schema "
                                                                 "version"))
    parser.add_argument("--db", metavar="URL",
                        help=_("数据库 URL（默认 HALLAPP_DB_URL 或本机 SQLite）",
                               "Database URL (default HALLAPP_DB_URL or a local SQLite file)"))
    parser.add_argument("--user", metavar="NAME", help=_(
        "以此工作人员身份执行（密码取自 HALLAPP_PASSWORD 或提示输入）",
        "Act as this staff account (password from HALLAPP_PASSWORD or asked)"))
    parser.add_argument("--lang", dest="cli_lang", choices=lang.LANGS, help=_(*LANG_HELP))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=ChineseParser)
    for module in MODULES:
        module.register(sub)
    _propagate_globals(sub)
    return parser


def _propagate_globals(sub: Any) -> None:
    """Accept --db/--user after the subcommand too (``hallapp queue list --db URL``).

    Also gives each subcommand its own description, so ``hallapp staff add --help`` says
    what the command does, not only which options it takes.
    """
    for choice in sub._choices_actions:  # the help= of add_parser, shown by its own --help
        parser = sub.choices[choice.dest]
        parser.description = parser.description or choice.help
    for p in {id(p): p for p in sub.choices.values()}.values():
        nested = [a for a in p._actions if isinstance(a, argparse._SubParsersAction)]
        for n in nested:
            _propagate_globals(n)
        if not nested:
            p.add_argument("--db", metavar="URL", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
            p.add_argument("--user", metavar="NAME", default=argparse.SUPPRESS,
                           help=argparse.SUPPRESS)
            if "--lang" not in p._option_string_actions:  # print ticket: the paper's language
                p.add_argument("--lang", dest="cli_lang", choices=lang.LANGS,
                               default=argparse.SUPPRESS, help=argparse.SUPPRESS)


def _loggable(argv: Sequence[str] | None, args: argparse.Namespace) -> str:
    """The command line for the log: a ``--db`` URL's password hidden, personal data masked."""
    subject = getattr(args, "subject", None)  # blacklist add: an ID, a permit, a USCC
    return loggable(sys.argv[1:] if argv is None else argv, getattr(args, "command", None),
                    getattr(args, "db", None), (subject,) if isinstance(subject, str) else ())


def _chosen_parser(parser: argparse.ArgumentParser,
                   args: argparse.Namespace) -> argparse.ArgumentParser:
    """The innermost command group named on the command line (``rating followup``)."""
    while True:
        nested = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        name = getattr(args, nested[0].dest, None) if nested else None
        if name is None:
            return parser
        parser = nested[0].choices[name]


def _run(parser: argparse.ArgumentParser, args: argparse.Namespace, env: CliEnv,
         argv: Sequence[str] | None) -> int:
    if args.version:
        return cmd_db.show_version(env)
    if not getattr(args, "func", None):
        chosen = _chosen_parser(parser, args)
        if chosen is parser:  # ``hallapp`` alone: what it can do
            parser.print_help()
            return 0
        chosen.print_help(sys.stderr)  # ``hallapp window``: an action is missing
        return 2
    log.info("command %s (db %s)", _loggable(argv, args), env.db.safe_url)
    return int(args.func(env) or 0)


def main(argv: Sequence[str] | None = None) -> int:
    env_lang = lang.from_env()
    # argparse's help and errors already in the chosen language: read before it parses
    lang.use(lang.from_argv(sys.argv[1:] if argv is None else argv)
             or (env_lang if env_lang in lang.LANGS else "zh"))
    parser = build_parser()
    args = parser.parse_args(argv)
    args.cli_lang = args.cli_lang or env_lang  # the option wins over the environment
    if args.cli_lang not in (None, *lang.LANGS):
        print(f"hallapp: {lang.env_refusal(args.cli_lang)}", file=sys.stderr)
        return 2
    lang.use(args.cli_lang or "zh")
    setup_logging(getattr(args, "log_role", "cli"))
    env = CliEnv(args)
    try:
        return _run(parser, args, env, argv)
    except DomainError as exc:
        print(f"hallapp: {lang.refusal(exc)}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader stopped reading (``hallapp queue status | head``): not a failure. Later
        # writes, and the interpreter's flush at exit, go nowhere instead of failing again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141  # 128 + SIGPIPE, as a shell tool killed by the signal
    except Exception as exc:
        return _unexpected(env, exc)
    finally:
        env.close()


# The database failed the command (not a refusal, not a bug), in the order they are told
# apart: the test, and what to say after "hallapp: " in Chinese and in English ({url}: the
# database's safe address).
_DB_FAILURES: tuple[tuple[Callable[[BaseException], bool], str, str], ...] = (
    # a write failed: not "cannot connect"
    (is_disk_error, "数据库 {url} 所在的磁盘已满或无法写入，请清理磁盘空间",
     "the disk of the database {url} is full or cannot be written: free some disk space"),
    # a read-only file, folder or server: no disk to clean up
    (is_write_refused, "数据库 {url} 是只读的，无法写入：请检查数据库文件及其所在目录的写权限，"
                       "或服务器是否只读",
     "the database {url} is read-only: check the write permissions of the database file and "
     "its folder, or whether the server is read-only"),
    # another terminal held a lock past the lock timeout
    (is_busy_error, "数据库忙（被另一个终端或程序占用），本次操作未保存，请稍后重试",
     "the database is busy (held by another terminal or program); nothing was saved, please "
     "try again in a moment"),
    # this process stopped inside a transaction (suspended)
    (is_session_dropped, "本进程长时间未响应，数据库服务器已断开它的连接，本次操作未保存，请重试",
     "this process did not respond for a long time and the database server closed its "
     "connection; nothing was saved, please try again"),
    # the server went away, or a file cannot be opened
    (is_connection_error, "无法连接数据库 {url}", "cannot connect to the database {url}"),
)


def _unexpected(env: CliEnv, exc: Exception) -> int:
    """Not a refusal: logged, and said in one line with a reference into the log."""
    ref = log_error(exc, "cli")
    first_line = (str(exc).splitlines() or [""])[0]  # SQL and parameters stay in the log
    if is_privilege_error(exc) and isinstance(exc, DBAPIError):  # not the hall's permissions
        print(f"hallapp: {lang.refusal(privilege_error(env.db, exc))}"
              + _(f"（参考号 {ref}）", f" (reference {ref})"), file=sys.stderr)
        return 14
    for failed, chinese, english in _DB_FAILURES:
        if failed(exc):
            text = _(chinese, english).format(url=env.db.safe_url)
            print(f"hallapp: {text}" + _(f"（参考号 {ref}）：", f" (reference {ref}): ")
                  + first_line, file=sys.stderr)
            return 10
    print("hallapp: " + _(f"内部错误（参考号 {ref}）：{type(exc).__name__}: {first_line}；详见日志 "
                          f"{setup_logging()}",
                          f"internal error (reference {ref}): {type(exc).__name__}: "
                          f"{first_line}; see the log {setup_logging()}"), file=sys.stderr)
    return 1


if __name__ == "__main__":
    raise SystemExit(main())
