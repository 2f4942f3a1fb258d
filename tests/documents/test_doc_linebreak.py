"""Chinese line breaks in every document (hallapp.documents._cjk_wrap): no line ends with an
opening bracket or quote, no line starts with ，：；！？ or a closing mark, whatever the width,
in plain text and in text with bold parts. Without the rules 「 ended a line at 48 of the 200
widths tried here."""

from __future__ import annotations

import re

import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from hallapp.documents import _cjk_wrap
from hallapp.documents.fonts import cjk_font

RULE = ("请于预约时段开始前 60 分钟至开始后 15 分钟内，在自助取号机「预约签到」扫码或输入"
        "预约码取号；逾时按普通号排队。")
NOTICE = ("您申请的《公司变更登记》缺少以下材料：“股东会决议”（原件）；请补齐后到【综合出件】"
          "窗口办理，或登录“i深圳”提交电子件！")
CLOSING = "，。、：；！？”’」』》）】…"


def lines_of(text: str, width: float) -> list[str]:
    style = ParagraphStyle("t", fontName=cjk_font().name, fontSize=10, leading=13,
                           wordWrap="CJK")
    para = Paragraph(text, style)
    para.wrap(width, 10_000)
    return ["".join(w.text for w in line.words) if hasattr(line, "words") else "".join(line[1])
            for line in para.blPara.lines]


@pytest.mark.parametrize("text", [RULE, NOTICE, RULE.replace("自助取号机", "<b>自助取号机</b>"),
                                  NOTICE.replace("股东会决议", "<b>股东会决议</b>")])
def test_no_line_ends_opening_or_starts_closing(text: str) -> None:
    plain = text.replace("<b>", "").replace("</b>", "")
    for width in range(100, 300):
        lines = lines_of(text, width)
        assert "".join(lines).replace(" ", "") == plain.replace(" ", ""), width  # nothing lost
        assert [line for line in lines[:-1] if line[-1] in _cjk_wrap.NO_LINE_END] == [], width
        assert [line for line in lines[1:] if line[0] in CLOSING] == [], width


MIXED = ("Required; A written commitment may replace it. 《公司章程》原件 1 份，办件编号 "
         "SZFT-20261124-00001，查询码 7KQ2M9XA。Verified online: no need to bring it")
WORD = re.compile(r"[A-Za-z0-9]+")


def test_no_latin_word_or_number_is_cut_in_two() -> None:
    words = set(WORD.findall(MIXED))
    for width in range(60, 300):
        lines = lines_of(MIXED, width)
        assert "".join(lines).replace(" ", "") == MIXED.replace(" ", ""), width  # nothing lost
        pieces = {piece for line in lines for piece in WORD.findall(line)}
        assert pieces - words == set(), (width, lines)


def test_no_line_opens_with_the_space_it_broke_at() -> None:
    for width in range(60, 300):
        lines = lines_of(MIXED, width)
        assert [line for line in lines[1:] if line.startswith(" ")] == [], width


def test_a_word_longer_than_the_line_is_still_cut() -> None:
    lines = lines_of("编码 440300000000069391780001 已核验", 60)
    assert "".join(lines).replace(" ", "") == "编码440300000000069391780001已核验"


def test_the_rules_are_installed_once() -> None:
    _cjk_wrap.install()
    _cjk_wrap.install()
    from reportlab.platypus import paragraph

    assert paragraph.ALL_CANNOT_START.count(_cjk_wrap.NO_LINE_START) == 1
    assert paragraph.wordSplit.hallapp_cjk
    assert "「" in _cjk_wrap.NO_LINE_END
