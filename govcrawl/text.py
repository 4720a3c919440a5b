"""Text normalisation for the content rules (严重表述错误, 错别字, 暗链或违规内容).

Lexicon matching runs on a normalised form of a page's (or post's) text, so that a wrong phrase
is found however the page wrote it:

- Traditional Chinese is converted to Simplified (OpenCC ``t2s``): 中華民國 → 中华民国;
- full-width ASCII forms are folded (NFKC over the ASCII range): ＡＶ → AV, ，→ ,; ASCII is
  lower-cased so that lexicon entries match case-insensitively;
- markup tags and whitespace between characters are removed: ``再接<span>再</span>励`` and a
  phrase broken over two source lines still read 再接再励. A tag of a block element and a line
  break count as a line boundary for quotes (``Normalised.breaks``); one space is kept between
  two ASCII letters or digits so that English words do not run together;
- HTML character references are decoded.

Every character of the normalised string remembers where it came from (``Normalised.index``),
so that a hit's quote is cut from the original text, in the original script.
"""

from __future__ import annotations

import html
import logging
import re
from dataclasses import dataclass
from functools import cache, lru_cache

from opencc import OpenCC

logger = logging.getLogger(__name__)

__all__ = ["SENTENCE_ENDS", "Normalised", "is_cjk", "normalise", "sentence_around", "sentence_bounds"]

#: Characters that end a sentence in the normalised text (full-width ！？；are folded to ASCII).
SENTENCE_ENDS = frozenset("。!?;…")

_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)\b[^<>]{0,1000}>|<!--.*?-->", re.DOTALL)
_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption",
    "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main",
    "nav", "ol", "p", "pre", "section", "table", "tbody", "td", "th", "thead", "tr", "ul",
})
_SPACES = frozenset(" \t\r\n\f\v\u00a0\u3000\u200b\u200c\u200d\u2028\u2029\ufeff")
_LINE_BREAKS = frozenset("\n\r\u2028\u2029")
_SPACE_BY_WIDE = re.compile(r"(?<=[^\x00-\x7f]) | (?=[^\x00-\x7f])")


@dataclass(frozen=True)
class Normalised:
    """A normalised text with, for each of its characters, the position it came from.

    ``index`` has one entry per character of ``text`` plus a final one (the original's length),
    so that ``original[index[i]:index[j]]`` is the original of ``text[i:j]``. ``breaks`` holds the
    positions of ``text`` that start a new line in the original (after a line break or a block tag).
    """

    text: str
    original: str
    index: tuple[int, ...]
    breaks: frozenset[int]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The original's (start, end) for the normalised span [start, end)."""
        if end <= start:
            return self.index[start], self.index[start]
        return self.index[start], self.index[end - 1] + 1

    def original_text(self, start: int, end: int) -> str:
        """The original of the normalised span [start, end), tags removed and spaces collapsed."""
        o_start, o_end = self.original_span(start, end)
        raw = " ".join(html.unescape(_TAG.sub("", self.original[o_start:o_end])).split())
        return _SPACE_BY_WIDE.sub("", raw)


def is_cjk(char: str) -> bool:
    """True for a CJK ideograph (the characters the lexicons are written in)."""
    code = ord(char)
    return 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0xF900 <= code <= 0xFAFF


def _fold(char: str) -> str:
    code = ord(char)
    if 0xFF01 <= code <= 0xFF5E:  # full-width ASCII forms: NFKC maps them onto U+0021…U+007E
        char = chr(code - 0xFEE0)
    return char.lower() if char.isascii() else char


def _ascii_word(char: str) -> bool:
    return char.isascii() and char.isalnum()


@cache
def _converter() -> OpenCC:
    return OpenCC("t2s")


def _simplified(chars: list[str]) -> list[str]:
    """t2s over the whole string (OpenCC converts by phrase); when a phrase conversion changes
    the length, fall back to character by character so that the index map stays one to one."""
    text = "".join(chars)
    converted = _converter().convert(text)
    if len(converted) == len(text):
        return list(converted)
    convert = _converter().convert
    return [c if len(c := convert(ch)) == 1 else ch for ch in chars]


@lru_cache(maxsize=16)
def normalise(text: str) -> Normalised:
    """Normalise ``text`` for lexicon matching (see the module docstring).

    The last few results are kept: the page and post rules each scan the same text."""
    chars: list[str] = []
    index: list[int] = []
    breaks: set[int] = set()
    pending_space = False  # whitespace (or an inline tag) seen since the last kept character
    pos, length = 0, len(text)
    while pos < length:
        char = text[pos]
        if char == "<" and (tag := _TAG.match(text, pos)):
            if tag.group(2) and tag.group(2).lower() in _BLOCK_TAGS:
                breaks.add(len(chars))
            pending_space = True
            pos = tag.end()
            continue
        step = 1
        if char == "&" and (entity := _ENTITY.match(text, pos)):
            decoded = html.unescape(entity.group())
            if len(decoded) == 1:
                char, step = decoded, entity.end() - pos
        if char in _SPACES:
            if char in _LINE_BREAKS:
                breaks.add(len(chars))
            pending_space = True
            pos += step
            continue
        folded = _fold(char)
        if pending_space and chars and _ascii_word(chars[-1]) and _ascii_word(folded):
            chars.append(" ")
            index.append(pos)
        pending_space = False
        chars.append(folded)
        index.append(pos)
        pos += step
    index.append(length)
    return Normalised("".join(_simplified(chars)), text, tuple(index), frozenset(breaks))


def sentence_bounds(norm: Normalised, start: int, end: int) -> tuple[int, int]:
    """The normalised (start, end) of the sentence holding the span [start, end): from the last
    sentence punctuation or line boundary before it to the next one after it (punctuation kept)."""
    text = norm.text
    left = start
    while left > 0 and text[left - 1] not in SENTENCE_ENDS and left not in norm.breaks:
        left -= 1
    right = end
    while right < len(text) and right not in norm.breaks and text[right] not in SENTENCE_ENDS:
        right += 1
    if right < len(text) and text[right] in SENTENCE_ENDS and right not in norm.breaks:
        right += 1  # keep the closing punctuation
    return left, right


def sentence_around(norm: Normalised, start: int, end: int, limit: int = 80) -> str:
    """The sentence of the original text around the normalised span [start, end), at most
    ``limit`` characters, and when the sentence is longer, a window centred on the span with "…"
    where it was cut."""
    left, right = sentence_bounds(norm, start, end)
    if right - left > limit:
        room = max(limit - (end - start) - 2, 0)  # two characters for the "…" marks
        before = min(start - left, room // 2)
        after = min(right - end, room - before)
        before = min(start - left, room - after)
        cut_left, cut_right = start - before, end + after
        quote = norm.original_text(cut_left, cut_right)
        prefix = "…" if cut_left > left else ""
        suffix = "…" if cut_right < right else ""
        return _trim(prefix + quote + suffix, limit)
    return _trim(norm.original_text(left, right), limit)


def _trim(quote: str, limit: int) -> str:
    # Collapsed spaces of the original can make a quote longer than its normalised span.
    return quote if len(quote) <= limit else quote[: limit - 1] + "…"
