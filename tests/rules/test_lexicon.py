"""The lexicons parse, hold no duplicates, and find nothing in correct text; the engine's guards."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from pypinyin.phrases_dict import phrases_dict

from govcrawl.extract.charset import decode_html
from govcrawl.extract.page import extract_page
from govcrawl.model.keywords import Keywords
from govcrawl.model.text import normalise
from govcrawl.rules import _leaders
from govcrawl.rules import _lexicon as lexicon
from govcrawl.rules.lexicons import LexiconError, parse_rows, read_rows
from govcrawl.settings import GOVCRAWL_COLUMN_CLASSES

# shared/ lies beside the work tree (and beside CI's clone)
REAL_PAGES = sorted((Path(__file__).parents[2].parent / "shared" / "realpages").glob("*.html"))
WORDING_KINDS = ("typo", "serious", "abolished")

# Correct sentences that hold a wrong form's characters across words or inside a correct phrase.
CORRECT = """
按装修标准验收，按装备清单核对。这一政策既使得企业受益，又既使用户满意。
交通迅速发展，投资迅速增长，通讯速率提高。学习贯彻党的二十大精神，养成良好习惯彻底改变。
严格守法，严格守住底线。答辩认为理由不成立。形成积极氛围。协商确定方案。
中华民国时期的老建筑，中华民国二十六年，孙中山建立中华民国，所谓“中华民国”。
农业部门、文化部门、纪检监察部门加强协作，企业文化部负责。山脉博物馆开放。过渡假期结束。
按耐火等级设计，按耐用年限折旧。堪察加半岛。路面塌陷井盖更换。
中央政治局同志向党中央和习近平总书记述职。国家主席习近平出席。国务院总理李强主持会议。
科学发展现代化。新时代中国特色社会主义思想。一个javascript应用和navigation导航。
"""


def _realpage_text(path: Path) -> str:
    html, _ = decode_html(path.read_bytes(), None)
    facts = extract_page(html, "http://www.example.gov.cn/a.html", is_home=False,
                         site_hosts=["www.example.gov.cn"], classes=GOVCRAWL_COLUMN_CLASSES)
    return f"{facts.title}\n{facts.text}"


@pytest.mark.parametrize("kind", list(lexicon.FILES))
def test_every_lexicon_parses_without_duplicates(kind: str) -> None:
    entries = lexicon.entries(kind)
    assert entries
    duplicates = [w for w, n in Counter(e.wrong for e in entries).items() if n > 1]
    assert duplicates == []


def test_typos_lexicon_holds_several_hundred_pairs() -> None:
    assert len(lexicon.entries("typo")) >= 300


def test_no_wrong_form_is_in_two_lexicons() -> None:
    forms = Counter(e.wrong for kind in lexicon.FILES for e in lexicon.entries(kind))
    assert [w for w, n in forms.items() if n > 1] == []


def test_leaders_and_shapes_parse() -> None:
    names = [leader.name for leader in _leaders.leaders()]
    assert "习近平" in names and len(names) == len(set(names))
    assert all(leader.titles for leader in _leaders.leaders())
    assert "刁" in _leaders.shapes()["习"] and "习" in _leaders.shapes()["刁"]


@pytest.mark.parametrize("line, message", [
    ("再接再励", "needs a right form"),
    ("再接再励\t再接再励", "needs a right form"),
    ("按装\t安装\t\t安装修", "does not contain"),
    ("中華民國\t台湾地区", "normalised form"),
    ("a\tb\tc\td\te", "expected wrong"),
])
def test_malformed_lines_are_refused(line: str, message: str) -> None:
    with pytest.raises(LexiconError, match=message):
        lexicon.parse_entries(parse_rows(line, "x.txt"), "typo")


def test_spam_tiers_are_checked_and_comments_skipped() -> None:
    rows = parse_rows("# header\n\n百家乐\tstrong\t赌博\t# trailing comment\n", "spam.txt")
    [entry] = lexicon.parse_entries(rows, "spam")
    assert (entry.wrong, entry.right, entry.note) == ("百家乐", "strong", "赌博")
    with pytest.raises(LexiconError, match="tier"):
        lexicon.parse_entries(parse_rows("百家乐\tvery", "spam.txt"), "spam")


def test_lexicon_files_are_package_data() -> None:
    assert read_rows("typos.txt")[0].source == "typos.txt"


def test_no_wrong_form_occurs_inside_a_longer_known_phrase() -> None:
    """pypinyin's phrase list (47,000 words and idioms) as a corpus of correct words: a wrong form
    inside a longer phrase would fire on correct text (the list also holds some misspellings
    themselves, so a form equal to a phrase is not counted)."""
    automaton = Keywords((entry.wrong, entry) for kind in WORDING_KINDS for entry in lexicon.entries(kind))
    collisions = []
    for phrase in {normalise(p).text for p in phrases_dict}:
        for _, _, entry in automaton.find(phrase):
            if entry.wrong != phrase and not any(c in phrase or phrase in c for c in entry.contexts):
                collisions.append((entry.wrong, phrase))
    assert collisions == []


def test_correct_sentences_yield_no_wording_hit() -> None:
    assert [(h.kind, h.wrong) for h in lexicon.scan(CORRECT) if h.kind != "spam"] == []


@pytest.mark.skipif(not REAL_PAGES, reason="shared real pages not present")
@pytest.mark.parametrize("path", REAL_PAGES, ids=lambda p: p.stem)
def test_real_government_pages_yield_no_wording_hit(path: Path) -> None:
    hits = lexicon.scan(_realpage_text(path))
    assert [(h.kind, h.wrong, h.quote) for h in hits if h.kind != "spam" or h.right != "guard"] == []


def test_context_suppresses_only_inside_it() -> None:
    hits = lexicon.scan("按装修标准，按装设备。")
    assert [(h.wrong, h.quote) for h in hits] == [("按装", "按装修标准，按装设备。")]
    assert hits[0].start == normalise("按装修标准，按装设备。").text.index("按装设备")


def test_matching_sees_through_markup_script_and_width() -> None:
    for text in ("再接<span>再</span>勵", "再接再勵", "再\n接 再励"):
        assert [h.wrong for h in lexicon.scan(text)] == ["再接再励"], text
    assert [h.wrong for h in lexicon.scan("中華人民共合國")] == ["中华人民共合国"]


def test_a_shorter_hit_inside_a_longer_one_is_dropped() -> None:
    assert [h.wrong for h in lexicon.scan("中央纪律检察委员会")] == ["中央纪律检察委员会"]


@pytest.mark.parametrize("text, wrong", [
    ("习进平总书记指出", "习进平总书记"),          # same pinyin
    ("国家主席习近乎出席", "国家主席习近乎"),       # similar shape
    ("朱熔基总理", "朱熔基总理"),
    ("国务院总理李墙主持", "国务院总理李墙"),         # two-character name, office title
    ("习進平總書記", "习进平总书记"),               # 繁體
])
def test_misspelt_leader_names_next_to_titles(text: str, wrong: str) -> None:
    [hit] = lexicon.scan(text)
    assert (hit.kind, hit.wrong) == ("leader", wrong)
    assert hit.right.replace("习近平", "").replace("朱镕基", "").replace("李强", "") != hit.right


@pytest.mark.parametrize("text", [
    "习近平总书记指出",       # right
    "学习进平台开展培训",     # no title
    "习进乎总书记",           # two characters off
    "李熙同志主持会议",       # 同志 is no office of a two-character name
    "温佳宝同志",             # a near-homophone of a retired leader with a plain 同志
    "刘国中副总理",           # another listed leader
])
def test_names_that_are_not_misspelt_leader_names(text: str) -> None:
    assert [h for h in lexicon.scan(text) if h.kind == "leader"] == []
