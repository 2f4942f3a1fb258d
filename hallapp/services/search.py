"""Find a service item the way an applicant types it: its name, a keyword, or pinyin.

Kiosk users rarely know the official name ("国有建设用地使用权及房屋所有权转移登记…");
they type "过户", "营业执照", or the pinyin initials on a touch keyboard ("yyzz", "gjj").
The index holds every item in force with its keywords and department, each text turned
into a sequence of candidate syllables per character (all readings of a polyphone, so 长
matches both "zhang" and "chang"). A pinyin query matches when consecutive characters
each contribute a non-empty prefix of one of their syllables: initials ("yyzz"), whole
syllables ("gongjijin"), or a mix ("gongjj").

Building the index reads the whole catalogue, so it is cached per process and database
and dropped when the change feed reports ``catalogue_changed`` (:func:`note_events`).

English names and keywords are matched word by word, in any order, every word of the query
needed (:mod:`hallapp.services.search_words`: "business license" finds "Reissue or
replacement of a business licence"); on an English screen, ties go to the shorter English
name.
"""

from __future__ import annotations

import threading
import unicodedata
import weakref
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from sqlalchemy import select

from hallapp.core.roles import Perm
from hallapp.services.context import Ctx, Database, action
from hallapp.services.feed import FeedEvent
from hallapp.services.search_words import match, words
from hallapp.store.models import Department, Queue, ServiceItem

Syllables = tuple[tuple[str, ...], ...]
MAX_QUERY = 40


@dataclass(frozen=True)
class ItemHit:
    code: str
    name: str
    name_en: str | None
    department: str
    department_name: str
    queue: str
    handling_type: str
    score: int
    department_name_en: str | None = None  # on English screens
    # False: its queue is deactivated (``queue_admin``); no ticket for it, the kiosk hides it
    queue_active: bool = True


@dataclass(frozen=True)
class _Text:
    plain: str  # NFKC, lower case
    syllables: Syllables


@dataclass(frozen=True)
class _Entry:
    hit: ItemHit
    name: _Text
    keywords: tuple[_Text, ...]
    department: _Text
    english_name: tuple[str, ...]  # the English name's words (search_words.words)
    english: tuple[str, ...]  # the words of the English name and keywords


@lru_cache(maxsize=8192)
def _char_syllables(ch: str) -> tuple[str, ...]:
    if ch.isascii():
        return (ch.lower(),) if ch.isalnum() else ()
    if not ("\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"):
        return ()  # punctuation such as （）、《》 is not typed
    # Imported on first use: pypinyin's dictionaries cost ~0.5 s, which a kiosk or counter
    # should not pay before showing its first frame.
    from pypinyin import Style, pinyin

    readings = pinyin(ch, style=Style.NORMAL, heteronym=True)[0]
    return tuple(dict.fromkeys(r.lower() for r in readings if r.isalpha()))


def _normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().lower()


def _text(value: str) -> _Text:
    plain = _normalise(value)
    return _Text(plain, tuple(s for s in map(_char_syllables, plain) if s))


def pinyin_match(query: str, syllables: Syllables) -> int | None:
    """Index of the first character where ``query`` (lower-case letters/digits) matches."""
    if not query:
        return None

    @cache
    def match(i: int, p: int) -> bool:
        if p == len(query):
            return True
        if i == len(syllables):
            return False
        for syl in syllables[i]:
            for k in range(min(len(syl), len(query) - p), 0, -1):
                if query[p:p + k] == syl[:k] and match(i + 1, p + k):
                    return True
        return False

    return next((i for i in range(len(syllables)) if match(i, 0)), None)


class ItemIndex:
    """The searchable catalogue; pure and immutable once built."""

    def __init__(self, entries: Sequence[_Entry]) -> None:
        self.entries = tuple(entries)

    @classmethod
    def from_rows(cls, rows: Iterable[tuple[ItemHit, Sequence[str], Sequence[str]]]
                  ) -> ItemIndex:
        """Rows of (hit, Chinese keywords, English keywords)."""
        return cls([_Entry(hit, _text(hit.name), tuple(_text(k) for k in keywords),
                           _text(hit.department_name), words(hit.name_en or ""),
                           words(" | ".join([hit.name_en or "", *keywords_en])))
                    for hit, keywords, keywords_en in rows])

    def search(self, query: str, limit: int = 20, english: bool = False,
               offered: bool = False) -> list[ItemHit]:
        """Best first; ``english``: an English screen, where ties go to the shorter English
        name (else to the shorter Chinese one); ``offered``: only the items whose queue
        takes tickets (the kiosk's)."""
        q = _normalise(query)[:MAX_QUERY]
        if not q:
            return []
        letters = "".join(ch for ch in q if ch.isascii() and ch.isalnum())
        query_words = words(q) if len(letters) >= 3 else ()  # two letters mean no word
        scored = [(score, e.hit) for e in self.entries
                  if (e.hit.queue_active or not offered)
                  and (score := _score(e, q, letters, query_words)) > 0]
        scored.sort(key=lambda pair: (-pair[0], _shown_length(pair[1], english), pair[1].code))
        return [_with_score(hit, score) for score, hit in scored[:limit]]


def _shown_length(hit: ItemHit, english: bool) -> int:
    return len(hit.name_en or hit.name) if english else len(hit.name)


def _with_score(hit: ItemHit, score: int) -> ItemHit:
    return replace(hit, score=score)


def _score(e: _Entry, q: str, letters: str, query_words: tuple[str, ...]) -> int:
    """How well entry ``e`` answers query ``q``; 0 for no match."""
    return max(_text_score(e, q), _pinyin_score(e, letters), _code_score(e, letters),
               _english_score(e, query_words))


def _text_score(e: _Entry, q: str) -> int:
    name = e.name.plain
    if q == name:
        return 100
    if name.startswith(q):
        return 90
    if q in name:
        return 80
    best = 0
    for kw in e.keywords:
        if q == kw.plain:
            best = max(best, 75)
        elif q in kw.plain:
            best = max(best, 65)
        elif len(kw.plain) >= 2 and kw.plain in q:
            # "我要办营业执照" contains the keyword 营业执照; better still if the name does
            best = max(best, 58 if kw.plain in name else 55)
    if len(q) >= 2 and q in e.department.plain:
        best = max(best, 40)
    return best


def _english_score(e: _Entry, query_words: tuple[str, ...]) -> int:
    """Every word of the query in the English name (54), else in the name and keywords
    (52); 50 and 48 when a word only matched the start of one ("car" in "card")."""
    best = 0
    for score, text_words in ((54, e.english_name), (52, e.english)):
        levels = [match(w, text_words, last=i == len(query_words) - 1)
                  for i, w in enumerate(query_words)]
        if levels and all(levels):
            best = max(best, score if min(levels) == 2 else score - 4)
    return best


def _pinyin_score(e: _Entry, letters: str) -> int:
    if len(letters) < 2 or not letters.isalpha():
        return 0
    at = pinyin_match(letters, e.name.syllables)
    if at is not None:
        return 60 if at == 0 else 52
    if any(pinyin_match(letters, kw.syllables) is not None for kw in e.keywords):
        return 45
    return 0


def _code_score(e: _Entry, letters: str) -> int:
    return 30 if len(letters) >= 4 and letters.isdigit() and letters in e.hit.code else 0


# --- the per-process cache ------------------------------------------------------------------

_lock = threading.Lock()
_cache: weakref.WeakKeyDictionary[Database, ItemIndex] = weakref.WeakKeyDictionary()
_generation = 0  # bumped by every invalidation, so a build racing one is not cached


def _load(ctx: Ctx) -> ItemIndex:
    with ctx.uow(readonly=True) as uow:
        rows = uow.session.execute(
            select(ServiceItem, Department.code, Department.name, Department.name_en,
                   Queue.code, Queue.active)
            .join(Department, ServiceItem.department_id == Department.id)
            .join(Queue, ServiceItem.queue_id == Queue.id)
            .where(ServiceItem.in_force.is_(True)).order_by(ServiceItem.code)).all()
        return ItemIndex.from_rows(
            (ItemHit(item.code, item.name, item.data.get("name_en"), dept_code, dept_name,
                     queue_code, item.handling_type, 0, dept_name_en, bool(active)),
             [str(k) for k in item.data.get("keywords") or []],
             [str(k) for k in item.data.get("keywords_en") or []])
            for item, dept_code, dept_name, dept_name_en, queue_code, active in rows)


def item_index(ctx: Ctx) -> ItemIndex:
    """The cached index of ``ctx.db``, built on first use."""
    with _lock:
        index, generation = _cache.get(ctx.db), _generation
    if index is None:
        index = _load(ctx)
        with _lock:
            if generation == _generation:
                _cache[ctx.db] = index
    return index


@action(Perm.VIEW_HALL)
def search_items(ctx: Ctx, query: str, limit: int = 20,
                 english: bool = False, offered: bool = False) -> list[ItemHit]:
    """Items in force matching ``query`` (name, keyword, pinyin), best first; ``english``:
    for an English screen (ties to the shorter English name); ``offered``: the kiosk's, only
    those of the queues that take tickets."""
    return item_index(ctx).search(query, limit, english, offered)


@action(Perm.VIEW_HALL)
def find_item(ctx: Ctx, code: str) -> ItemHit | None:
    """One item of the index by code (the department name without another query)."""
    return next((e.hit for e in item_index(ctx).entries if e.hit.code == code), None)


def invalidate_index(db: Database | None = None) -> None:
    """Forget the index of ``db`` (or of every database); the next search rebuilds it."""
    global _generation
    with _lock:
        _generation += 1
        if db is None:
            _cache.clear()
        else:
            _cache.pop(db, None)


def note_events(db: Database, events: Iterable[FeedEvent]) -> bool:
    """Feed hook: drop the index when the catalogue changed; True if it was dropped."""
    if any(e.kind == "catalogue_changed" for e in events):
        invalidate_index(db)
        return True
    return False
