"""The audit log's hash chain: each entry's hash covers its content and the previous hash.

Altering, inserting or deleting any row breaks the chain from that row on; ``verify_chain``
names the first row that does not fit. Entry ids are contiguous (numbered under the feed-head
lock), so a deleted row shows up as a gap even at the end of the log.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

GENESIS = "0" * 64


@dataclass(frozen=True)
class ChainEntry:
    id: int
    at: str  # ISO 8601, UTC
    actor: str
    action: str
    entity: str
    entity_id: str | None
    before: Any
    after: Any
    prev_hash: str
    hash: str


_CANONICAL = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                              default=str)
# The C encoder that ``_CANONICAL.encode`` builds anew at each call, made once, with the same
# options: the same text at half the cost (a queue operation makes eight canonical texts).
# No check for circular values (markers None): such a value fails with RecursionError.
_MAKE_C_ENCODER = getattr(json.encoder, "c_make_encoder", None)
_C_CANONICAL = None if _MAKE_C_ENCODER is None else _MAKE_C_ENCODER(
    None, str, json.encoder.encode_basestring, None, ":", ",", True, False, True)


def canonical(value: Any) -> str:
    if _C_CANONICAL is None:  # an interpreter without the json module's C speed-ups
        return _CANONICAL.encode(value)
    return "".join(_C_CANONICAL(value, 0))


def normal_json(value: Any) -> str | None:
    """``value``'s canonical JSON text as it reads back once stored (None stays None).

    Stored, a value comes back as plain JSON (tuples as lists, integer keys as text, which
    then sort differently), so the text is made from what it reads back as: hashing it and
    storing it, the hash covers exactly what is stored. Plain JSON already reads back as
    itself, and most entries are plain: they skip the round trip."""
    if value is None:
        return None
    text = canonical(value)
    return text if _plain(value) else canonical(json.loads(text))


_SCALARS = frozenset((str, int, bool, float, type(None)))


def _plain(value: Any) -> bool:
    """Whether ``value`` is JSON that reads back equal: text keys, JSON types only. (A dict's
    items in a loop, not ``all()`` over a generator: every queue operation checks four.)"""
    kind = type(value)
    if kind in _SCALARS:
        return True
    if kind is dict:
        for k, v in value.items():
            if type(k) is not str or (type(v) not in _SCALARS and not _plain(v)):
                return False
        return True
    if kind is list:  # rare in an entry: no need to save the generator here
        return all(_plain(v) for v in value)
    return False


def entry_hash(prev_hash: str, entry_id: int, at: str, actor: str, action: str, entity: str,
               entity_id: str | None, before: Any, after: Any) -> str:
    return entry_hash_of_texts(prev_hash, entry_id, at, actor, action, entity, entity_id,
                               canonical(before), canonical(after))


def entry_hash_of_texts(prev_hash: str, entry_id: int, at: str, actor: str, action: str,
                        entity: str, entity_id: str | None, before: str | None,
                        after: str | None) -> str:
    """``entry_hash`` of values given as their canonical JSON (``normal_json``): the same
    body, since a canonical list is its items' canonical texts joined by commas."""
    head = canonical([entry_id, at, actor, action, entity, entity_id])
    body = f"{head[:-1]},{before or 'null'},{after or 'null'}]"
    return hashlib.sha256(f"{prev_hash}|{body}".encode()).hexdigest()


# What is wrong with an entry, by the problem's code, as the English screen says it after
# "entry N" (the command line's ``audit verify``, ``backup`` and ``restore`` with --lang en).
PROBLEMS_EN = {
    "missing_entry": "is missing (deleted, or another inserted)",
    "prev_hash_mismatch": "does not link to the one before (altered or inserted)",
    "hash_mismatch": "does not match its hash (altered)",
    "tail_missing": "is missing from the end of the log (the chain head counts it)",
    "head_hash_mismatch": "does not match the chain head's hash",
}


@dataclass(frozen=True)
class ChainProblem:
    entry_id: int
    problem: str  # in Chinese (the CLI, the backup's audit entry)
    code: str = ""  # which problem, for a screen in another language


def verify_chain(entries: Iterable[ChainEntry], head_seq: int | None = None,
                 head_hash: str | None = None) -> list[ChainProblem]:
    """Check ids, links and hashes in order; return the problems found (empty = intact)."""
    problems: list[ChainProblem] = []
    expected_id, prev = 1, GENESIS
    for e in entries:
        if e.id != expected_id:
            problems.append(ChainProblem(expected_id, f"缺少第 {expected_id} 条记录（删除或插入）",
                                         "missing_entry"))
        if e.prev_hash != prev:
            problems.append(ChainProblem(e.id, "前一条哈希不符（记录被改动或插入）",
                                         "prev_hash_mismatch"))
        digest = entry_hash(e.prev_hash, e.id, e.at, e.actor, e.action, e.entity, e.entity_id,
                            e.before, e.after)
        if digest != e.hash:
            problems.append(ChainProblem(e.id, "内容与哈希不符（记录被改动）", "hash_mismatch"))
        expected_id, prev = e.id + 1, e.hash
    if head_seq is not None and expected_id - 1 != head_seq:
        problems.append(ChainProblem(head_seq, "日志末尾记录缺失（与链头序号不符）",
                                     "tail_missing"))
    if head_hash is not None and head_seq and prev != head_hash:
        problems.append(ChainProblem(head_seq, "链头哈希不符", "head_hash_mismatch"))
    return problems
