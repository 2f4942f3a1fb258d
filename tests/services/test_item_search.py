"""Item search: names, keywords, pinyin initials and full pinyin; the cache and its reset.

The matching is checked on a small hand-made index (no database); the service on the demo
catalogue on both engines, including that a catalogue import is seen only after the feed's
``catalogue_changed`` event drops the cached index.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from hallapp.services.catalogue import export_catalogue, import_catalogue
from hallapp.services.context import Ctx
from hallapp.services.feed import FeedEvent
from hallapp.services.search import (
    ItemHit,
    ItemIndex,
    find_item,
    invalidate_index,
    note_events,
    pinyin_match,
    search_items,
)

CtxFor = Callable[[str], Ctx]


def _index(*items: tuple[str, str, list[str]]) -> ItemIndex:
    return ItemIndex.from_rows(
        (ItemHit(code, name, None, "d", "市场监督管理局", "A", "promised", 0), keywords, [])
        for code, name, keywords in items)


SMALL = _index(
    ("1", "营业执照补领、换发", ["营业执照", "补照"]),
    ("2", "住房公积金提取（租房提取）", ["公积金", "租房"]),
    ("3", "公司变更登记", ["营业执照", "变更"]),
    ("4", "长者津贴申领", ["老人"]),
)


def codes(query: str, index: ItemIndex = SMALL) -> list[str]:
    return [hit.code for hit in index.search(query)]


@pytest.mark.parametrize(("query", "expected"), [
    ("yyzz", ["1", "3"]),  # initials of the name first, then of a keyword
    ("gjj", ["2"]),
    ("gongjijin", ["2"]),  # whole syllables
    ("gongjj", ["2"]),  # mixed
    ("YYZZ", ["1", "3"]),  # case and full-width letters do not matter
    ("ｙｙｚｚ", ["1", "3"]),
    ("zzjt", ["4"]),  # 长 read zhang: every reading of a polyphone counts
    ("公积金", ["2"]),
    ("营业执照", ["1", "3"]),  # name contains it, then keyword equals it
    ("我要办营业执照", ["1", "3"]),  # the query contains a keyword
    ("xyz", []),
    ("", []),
    ("   ", []),
])
def test_search_matches(query: str, expected: list[str]) -> None:
    assert codes(query) == expected


def test_pinyin_match_skips_punctuation_and_reports_position() -> None:
    hit = SMALL.entries[1]
    assert pinyin_match("zfqz", hit.name.syllables) is None  # 提取（租房 is not contiguous
    assert pinyin_match("tqzf", hit.name.syllables) == 5  # …提取（租房…: brackets skipped
    assert pinyin_match("", hit.name.syllables) is None


def test_name_matches_rank_above_keyword_matches() -> None:
    scores = [hit.score for hit in SMALL.search("营业执照")]
    assert scores == sorted(scores, reverse=True)
    assert scores[0] > scores[1]


def test_english_names_and_keywords_find_items_whole_words_first() -> None:
    def hit(code: str, name: str, name_en: str) -> ItemHit:
        return ItemHit(code, name, name_en, "d", "部门", "A", "promised", 0)

    index = ItemIndex.from_rows([
        (hit("card", "社保卡补换", "Replacement of a social security card"), [], []),
        (hit("car", "机动车注册登记", "Registration of a new motor vehicle"), [],
         ["car", "number plate"]),
        (hit("fund", "住房公积金提取", "Housing fund withdrawal"), [], ["provident fund"])])
    assert [h.code for h in index.search("car")] == ["car", "card"]  # the word, then "card"
    assert [h.code for h in index.search("Provident Fund")] == ["fund"]  # a keyword only
    assert [h.code for h in index.search("motor")] == ["car"]  # the name
    assert index.search("ca") == []  # two letters are too few to mean a word


def test_english_queries_match_word_by_word_in_either_spelling() -> None:
    """The whole query was one substring: "license", "driver's license", "register a
    company" and "get married" found nothing, and for "business licence" the item named so
    came fifth, behind items with the words only among their keywords."""
    def hit(code: str, name: str, name_en: str) -> ItemHit:
        return ItemHit(code, name, name_en, "d", "部门", "A", "promised", 0)

    index = ItemIndex.from_rows([
        (hit("change", "公司变更登记", "Change registration of a company"), [],
         ["business licence"]),
        (hit("reissue", "营业执照补领、换发", "Reissue or replacement of a business licence"),
         [], []),
        (hit("new", "有限责任公司设立登记", "Establishment registration of a limited company"),
         [], ["set up a company"]),
        (hit("driving", "机动车驾驶证遗失补证", "Reissue of a lost driving licence"), [], []),
        (hit("marriage", "内地居民结婚登记", "Marriage registration (mainland residents)"),
         [], ["wedding"]),
        (hit("household", "人才引进落户", "Hukou transfer for recruited talent"), [],
         ["household registration"]),
        (hit("house", "房屋转移登记", "Transfer registration of a building"), [], ["house"])])

    def found(query: str) -> list[str]:
        return [h.code for h in index.search(query, english=True)]

    assert found("business licence") == ["reissue", "change"]  # the name first
    assert found("Business License") == ["reissue", "change"]  # US spelling, any case
    assert found("licence business") == ["reissue", "change"]  # any order
    assert found("license") == ["driving", "reissue", "change"]
    assert found("driver's license") == found("driver license") == ["driving"]
    assert found("register a company") == ["change", "new"]
    assert found("get married") == found("marry") == ["marriage"]
    assert found("house transfer") == ["house"]  # not "household", a longer word
    assert found("business passport") == []  # every word is needed
    assert found("regis")[-1] == "household"  # typing: names, then keywords, that go on
    assert sorted(found("regis")) == ["change", "house", "household", "marriage", "new"]


def test_english_screens_break_ties_by_the_english_name() -> None:
    def hit(code: str, name: str, name_en: str) -> ItemHit:
        return ItemHit(code, name, name_en, "d", "部门", "A", "promised", 0)

    index = ItemIndex.from_rows([
        (hit("long", "公司", "A very long English name of a licence"), [], []),
        (hit("short", "很长很长的中文事项名称", "Licence"), [], [])])
    assert [h.code for h in index.search("licence")] == ["long", "short"]
    assert [h.code for h in index.search("licence", english=True)] == ["short", "long"]


def test_service_on_demo_catalogue(ctx_for: CtxFor) -> None:
    ctx = ctx_for("kiosk1")
    yyzz = search_items(ctx, "yyzz")
    assert yyzz
    assert all("营业执照" in h.name or h.department_name == "深圳市市场监督管理局"
                        for h in yyzz)
    assert any(h.name == "营业执照补领、换发" for h in yyzz)
    assert {h.name for h in search_items(ctx, "gjj")} == {"住房公积金提取（租房提取）",
                                                          "住房公积金个人住房贷款"}
    assert any("二手车" in h.name for h in search_items(ctx, "过户"))
    assert len(search_items(ctx, "dj", limit=3)) == 3
    hit = find_item(ctx, "440300000000576383402001")
    assert hit is not None
    assert hit.queue == "C"
    assert hit.department_name
    assert [h.name_en for h in search_items(ctx, "provident fund")] == [
        "Housing fund mortgage loan", "Housing fund withdrawal for rent"]  # English keywords
    assert {h.name_en for h in search_items(ctx, "business license", english=True)[:2]} == {
        "Reissue or replacement of a business licence", "Food business licence (new)"}
    assert [h.name_en for h in search_items(ctx, "driver's license")] == [
        "Reissue of a lost driving licence", "Transfer of a driving licence from another city"]


def test_index_is_cached_until_the_catalogue_changes(ctx_for: CtxFor) -> None:
    kiosk, admin = ctx_for("kiosk1"), ctx_for("admin1")
    invalidate_index()
    assert search_items(kiosk, "xinguanjianci") == []
    doc = export_catalogue(admin)
    doc["items"][0]["keywords"] = [*doc["items"][0]["keywords"], "新关键词"]
    import_catalogue(admin, doc)
    assert search_items(kiosk, "xinguanjianci") == []  # cached: nothing asked the database
    assert not note_events(kiosk.db, [FeedEvent(1, datetime.now(UTC), "ticket_taken", {})])
    assert search_items(kiosk, "新关键词") == []
    assert note_events(kiosk.db, [FeedEvent(2, datetime.now(UTC), "catalogue_changed", {})])
    [hit] = search_items(kiosk, "xinguanjianci")
    assert hit.code == doc["items"][0]["code"]
