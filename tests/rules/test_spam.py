"""The spam scorer (rules/_spam.py) on strings written for these tests: ≥100 injected spam strings
and ≥100 legitimate government sentences that share words with them (tests/rules/spam_corpus/).

``python -m tests.rules.test_spam`` prints recall and precision on the two corpora.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from govcrawl.rules._spam import judge, spam_form

CORPUS = Path(__file__).parent / "spam_corpus"


def corpus(name: str) -> list[str]:
    lines = (CORPUS / name).read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line and not line.startswith("#")]


SPAM = corpus("spam.txt")
LEGIT = corpus("legit.txt")


def test_corpora_are_large_enough() -> None:
    assert len(set(SPAM)) >= 100 and len(set(LEGIT)) >= 100


@pytest.mark.parametrize("text", SPAM)
def test_spam_string_is_spam(text: str) -> None:
    assert judge(text).spam, judge(text)


@pytest.mark.parametrize("text", LEGIT)
def test_government_sentence_is_not_spam(text: str) -> None:
    assert not judge(text).spam, judge(text)


@pytest.mark.parametrize("raw, form", [
    ("中文字幕ⅴ", "中文字幕v"),                  # Roman numeral five
    ("ＡＶ在线", "av在线"),                      # full width
    ("国产\u200b精品\u00ad一区", "国产精品一区"),   # zero width, soft hyphen
    ("百家樂娛樂城", "百家乐娱乐城"),              # Traditional
    ("WWW.ABC.COM", "www.abc.com"),
    ("百 家　乐 真人娱乐", "百家乐 真人娱乐"),    # spaced out (the full-width space too)
    ("省 市 县级 单位", "省市 县级 单位"),
])
def test_spam_form(raw: str, form: str) -> None:
    assert spam_form(raw) == form


def test_shape_catches_a_new_string_with_one_known_word() -> None:
    # one weak term alone is no spam; the same term in a run of short phrases with a domain is
    assert not judge("麻豆").spam
    verdict = judge("麻豆传媒,果冻传媒,天美传媒,www.tm55.com")
    assert verdict.shape and verdict.points == 3 and verdict.spam


def test_guard_vetoes_its_sentence_only() -> None:
    notice = "公安机关严厉打击六合彩、百家乐等赌博活动。"
    assert not judge(notice).spam
    assert judge(notice + "\n百家乐 真人娱乐 www.bjl.com").spam


def test_ascii_term_inside_a_word_is_no_hit() -> None:
    assert judge("java 开发 在线观看").terms == ("在线观看",)


def test_threshold() -> None:
    text = "国产 精品 高清"
    assert judge(text).points == 4  # three weak terms and the run of short phrases
    assert judge(text, threshold=5).spam is False
    assert judge(text, threshold=4).spam is True


def figures() -> str:
    caught = sum(judge(t).spam for t in SPAM)
    false = sum(judge(t).spam for t in LEGIT)
    recall = caught / len(SPAM)
    precision = caught / (caught + false) if caught + false else 1.0
    missed = [t for t in SPAM if not judge(t).spam]
    flagged = [t for t in LEGIT if judge(t).spam]
    return (f"spam strings caught {caught}/{len(SPAM)} (recall {recall:.3f}); legitimate sentences flagged "
            f"{false}/{len(LEGIT)} (precision {precision:.3f})\nmissed: {missed}\nflagged: {flagged}")


if __name__ == "__main__":
    print(figures())
