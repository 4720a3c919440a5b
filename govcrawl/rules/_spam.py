"""The one spam judgement of 暗链或违规内容: is this text (an anchor, a title, a hidden block) injected
gambling, pornography or piracy spam?

The text is first put in spam form (``spam_form``): NFKC (the Roman numeral ⅴ reads v, full-width
ＡＶ reads av), zero-width characters and soft hyphens removed, single characters spaced out joined
(百 家 乐), Traditional → Simplified, case folded; letters and digits between Chinese characters
stay. One Aho-Corasick pass over it then finds the terms of lexicons/spam.txt, whose tiers are:

- ``strong``: spam wherever it stands (百家乐, 无码av, 办证刻章);
- ``weak``: words spam strings are made of that legitimate text uses too (中文字幕, 国产, 精品,
  彩票, 棋牌): each distinct weak term scores one point;
- ``guard``: words of legitimate reporting or service (打击, 查处, 办理, 指南 …) — a segment (a
  sentence, a line, a title part) holding one does not count at all.

Spam is also recognised by its *shape*, so that a new string of a known kind is caught without
adding it to a list: SEO spam is a run of short phrases separated by commas, spaces or 、, several of
them holding spam vocabulary, often with a bare domain (www.xxx.com) inside. A run of at least
three short phrases of which two or more hold a spam term (one, when a bare domain stands among
them) scores one point; a bare domain in a segment that holds a spam term scores one point.

Points are counted per segment (a sentence or a title part, so that three weak words far apart in
an article do not add up). A text is spam when it holds a strong term outside guarded segments, or
when one segment's points reach the ``threshold`` (GOVCRAWL_SPAM_SCORE). Everything is linear in
the text's length: one automaton pass, precompiled regular expressions, a bisect per hit.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache, lru_cache

from govcrawl.model.keywords import Keywords
from govcrawl.model.text import folded, may_hold_space, to_simplified
from govcrawl.rules._lexicon import ascii_edge, entries, inside_word

logger = logging.getLogger(__name__)

__all__ = ["SpamVerdict", "holds_spam_terms", "judge", "spam_form"]

_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u034f\u180e\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063"
                                    "\u2064\ufeff"), None)
_ANY_INVISIBLE = re.compile("[" + "".join(map(chr, _INVISIBLE)) + "]")
# The invisible characters a printable text without a space can hold (most are format characters, not
# printable): searching the class is slow, ``may_hold_space`` and a test for these few fast.
_PRINTABLE_INVISIBLE = tuple(chr(code) for code in _INVISIBLE if chr(code).isprintable())
# Segments: sentences and the parts of a title ("首页_某某县人民政府" or "… | …").
_SEGMENT = re.compile(r"[。!?;|｜_]+|\s[-–—]\s")
# Phrases inside a segment: separated by commas, spaces, 、 and similar.
_PHRASE = re.compile(r"[,，、/\\\s·・:：()（）\[\]【】《》“”\"'‘’]+")
_SHORT_PHRASE = 16  # characters: SEO spam phrases are short; a sentence of news is not
_RUN_PHRASES = 3
_DOMAIN = re.compile(
    r"(?<![a-z0-9@/.-])(?:[a-z0-9-]{1,40}\.){1,3}"
    r"(?:com|net|cc|vip|top|xyz|me|tv|app|club|info|co|io|live|fun|site|shop|bet|win|in|la|pw|ws|hk|tw)"
    r"(?![a-z0-9.])")


# Single Chinese characters spaced out to slip past word lists: 百 家 乐 reads 百家乐.
_SPACED = re.compile(r"(?<!\S)[\u4e00-\u9fff](?:\s[\u4e00-\u9fff](?!\S))+")
# What every match of _SPACED holds: searched first, since a pattern that starts with a look-behind
# is tried at every character, and most texts hold no spaced-out character at all.
_SPACED_PART = re.compile(r"\s[\u4e00-\u9fff](?!\S)")


def spam_form(text: str) -> str:
    """``text`` as the scorer reads it: NFKC, invisible characters removed, single characters spaced
    out joined again, Simplified, case folded."""
    # The tests skip a translation or a normalisation that changes nothing. Folding full-width forms
    # (what NFKC makes of them, faster: often all it had to do) and removing characters add no
    # whitespace and no traditional character; normalising the same text for the lexicons found
    # whether it holds either (``folded``), and NFKC, when it changes the text, has them asked again.
    text, traditional, spaced = folded(text)
    if (spaced or any(char in text for char in _PRINTABLE_INVISIBLE)) and _ANY_INVISIBLE.search(text):
        text = text.translate(_INVISIBLE)
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
        spaced, traditional = may_hold_space(text), True
    if spaced and _SPACED_PART.search(text):
        text = _SPACED.sub(lambda m: "".join(m.group(0).split()), text)
    return (to_simplified(text) if traditional else text).casefold()


@dataclass(frozen=True)
class SpamVerdict:
    """The judgement of one text: spam or not, the spam terms found (text order, distinct), its
    points, and whether its shape (a run of short spam phrases, a bare domain) counted."""

    spam: bool
    terms: tuple[str, ...] = ()
    points: int = 0
    shape: bool = False


@cache
def _automaton() -> Keywords[tuple[str, str, bool]]:
    """Each term with its tier, and whether it starts or ends with an ASCII letter or digit (only
    such a term can continue an ASCII word, see ``inside_word``)."""
    return Keywords((entry.wrong, (entry.wrong, entry.right, ascii_edge(entry.wrong))) for entry in entries("spam"))


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    """The pieces of ``text`` between the matches of ``pattern``, as (start, end)."""
    spans, start = [], 0
    for m in pattern.finditer(text):
        if m.start() > start:
            spans.append((start, m.start()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _found(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, term, tier) of every lexicon term that does not continue an ASCII word."""
    return [(start, end, term, tier) for start, end, (term, tier, ascii_end) in _automaton().find(text)
            if not (ascii_end and inside_word(text, start, end))]


def _hits(found: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """The terms ``found``, in text order, a term inside a longer one dropped."""
    found = sorted(found, key=lambda h: (h[0], -h[1]))
    kept: list[tuple[int, int, str, str]] = []
    reach = -1
    for hit in found:
        if hit[1] <= reach and hit[3] != "guard":
            continue  # inside a longer term already kept
        kept.append(hit)
        reach = max(reach, hit[1])
    return kept


def holds_spam_terms(text: str) -> bool:
    """Whether ``text`` holds a spam term other than a guard word. No part of a text can be judged
    spam unless the whole does (a line's form is a piece of the whole text's form, and ``judge``
    finds nothing without such a term), so a page's text is searched once before its lines are."""
    return any(tier != "guard" for _, _, _, tier in _found(spam_form(text)))


def judge(text: str, threshold: int = 3) -> SpamVerdict:
    """The spam verdict of ``text`` (see the module docstring); ``threshold`` is GOVCRAWL_SPAM_SCORE."""
    return _judge(text, threshold)


@lru_cache(maxsize=4096)
def _judge(text: str, threshold: int) -> SpamVerdict:
    # Cached: a hacked template repeats the same block on every page.
    form = spam_form(text)
    found = _found(form)
    # guard words alone count nothing, whatever their segments (and _hits never drops one)
    if all(hit[3] == "guard" for hit in found):
        return SpamVerdict(False)
    hits = _hits(found)
    if all(hit[3] == "guard" for hit in hits):
        return SpamVerdict(False)
    segments = _spans(_SEGMENT, form)
    starts = [s for s, _ in segments]
    by_segment: dict[int, list[tuple[int, int, str, str]]] = {}
    for hit in hits:
        by_segment.setdefault(bisect_right(starts, hit[0]) - 1, []).append(hit)
    terms: dict[str, None] = {}
    strong = shape = False
    best = 0
    for index, found in by_segment.items():
        if any(h[3] == "guard" for h in found):
            continue
        terms.update(dict.fromkeys(h[2] for h in found))
        strong = strong or any(h[3] == "strong" for h in found)
        start, end = segments[index]
        points = _shape_points(form[start:end], [h[0] - start for h in found])
        shape = shape or points > 0
        best = max(best, points + len({h[2] for h in found}))
    return SpamVerdict(strong or best >= threshold, tuple(terms), best, shape)


def _shape_points(segment: str, positions: list[int]) -> int:
    """Points for the shape of spam in one segment: a run of short spam phrases, a bare domain
    beside spam terms (``positions``: where the segment's spam terms start)."""
    domain = _DOMAIN.search(segment) is not None
    phrases = _spans(_PHRASE, segment)
    phrase_starts = [a for a, _ in phrases]
    holding = {bisect_right(phrase_starts, p) - 1 for p in positions}
    short = [i for i, (a, b) in enumerate(phrases) if b - a <= _SHORT_PHRASE]
    spammy = sum(1 for i in short if i in holding)
    run = len(short) >= _RUN_PHRASES and spammy >= (1 if domain else 2) and len(short) * 2 >= len(phrases)
    return int(run) + int(domain)
