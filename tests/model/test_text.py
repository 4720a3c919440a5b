from __future__ import annotations

from opencc import OpenCC

from govcrawl.model.text import (
    _SPACES,
    _has_traditional,
    _scanned,
    _traditional,
    folded,
    fullwidth_to_ascii,
    may_hold_space,
    normalise,
    sentence_around,
    sentence_bounds,
    to_simplified,
)


def test_traditional_is_simplified_and_maps_back_to_the_original() -> None:
    norm = normalise("中華民國總統府")
    assert norm.text == "中华民国总统府"
    assert norm.original_text(0, 4) == "中華民國"


def test_full_width_is_folded_and_ascii_lowered() -> None:
    assert normalise("ＡＶ女优，ＰＫ１０").text == "av女优,pk10"


def test_tags_and_whitespace_between_characters_are_removed() -> None:
    norm = normalise("再接<span class='x'>再</span>\n   励 <b>工作</b>")
    assert norm.text == "再接再励工作"
    start, end = norm.original_span(0, 4)
    assert norm.original[start:end].startswith("再接<span") and norm.original[start:end].endswith("励")


def test_ascii_words_keep_one_space_and_entities_are_decoded() -> None:
    assert normalise("AV&nbsp;java  script &amp; 中文").text == "av java script&中文"


def test_text_without_anything_to_do_is_unchanged() -> None:
    norm = normalise("我们要再接再厉。")
    assert norm.text == "我们要再接再厉。" and norm.index == tuple(range(len(norm.text) + 1))
    assert normalise("").text == ""


def test_sentence_around_cuts_at_punctuation_and_line_breaks() -> None:
    norm = normalise("第一句。我们要再接再励，继续努力！第三句\n第四行")
    start = norm.text.index("再接再励")
    assert sentence_around(norm, start, start + 4) == "我们要再接再励，继续努力！"
    start = norm.text.index("第三句")
    assert sentence_bounds(norm, start, start + 3) == (start, start + 3)


def test_long_sentence_is_a_window_of_at_most_the_limit() -> None:
    text = "前" * 100 + "再接再励" + "后" * 100
    norm = normalise(text)
    start = norm.text.index("再接再励")
    quote = sentence_around(norm, start, start + 4, limit=80)
    assert len(quote) == 80 and "再接再励" in quote
    assert quote.startswith("…前") and quote.endswith("后…")


def test_sentence_exactly_at_the_limit_is_not_cut() -> None:
    text = "甲" * 76 + "再接再励"
    norm = normalise(text)
    assert sentence_around(norm, 76, 80, limit=80) == text
    assert sentence_around(norm, 76, 80, limit=79).startswith("…")


def test_quote_is_cut_from_the_original_script() -> None:
    norm = normalise("他說：「中華民國總統」。")
    start = norm.text.index("中华民国")
    assert sentence_around(norm, start, start + 4) == "他說：「中華民國總統」。"


def test_may_hold_space_is_false_only_without_whitespace() -> None:
    # may_hold_space relies on every whitespace character but the ASCII space being unprintable
    spaces = [chr(c) for c in range(0x110000) if chr(c).isspace() or chr(c) in _SPACES]
    assert all(may_hold_space(f"中文{char}中文") for char in spaces)
    assert not may_hold_space("中文，ＡＢ<p>abc</p>")


def test_traditional_characters_beyond_the_basic_plane_are_converted_too() -> None:
    # TSCharacters holds characters beyond the Basic Multilingual Plane (𠁞 → 𠀾): a set, not the class
    beyond = sorted(_traditional()[1])
    assert beyond and normalise(f"中文{beyond[0]}").text != f"中文{beyond[0]}"
    assert normalise("中文\U0001f600").text == "中文\U0001f600"


def test_to_simplified_converts_as_opencc_does_part_by_part() -> None:
    # only the parts between OpenCC's separators that hold a changing key are handed to OpenCC
    texts = ["乾隆年間，頭髮乾燥。著作權、著名的學者 顯著", "簡體中文，沒有別的", "中華人民共和國 " * 40 + "著"]
    for text in texts:
        assert to_simplified(text) == OpenCC("t2s").convert(text)


def test_folded_answers_as_each_test_would_on_its_own() -> None:
    # spam form takes these from the normalising of the same text: any text, any order of the two
    texts = ["中文，ＡＢ<p>abc</p>", "他說：「中華民國」\n\u3000第二行", "ＡＶ　在線", "&lt;國&gt; ＜b＞",
             "纯简体无空格。", f"中文{sorted(_traditional()[1])[0]}", "Ｂig５ 與 GB"]
    for text in texts:
        for first_normalised in (True, False):
            _scanned.cache_clear()
            if first_normalised:
                normalise(text)
            form, traditional, spaced = folded(text)
            assert form == fullwidth_to_ascii(text)
            assert traditional == _has_traditional(form)
            assert spaced == may_hold_space(text)
