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
from importlib import resources

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
        # tags may come escaped too (feed texts): strip them before and after decoding
        raw = " ".join(_TAG.sub("", html.unescape(_TAG.sub("", self.original[o_start:o_end]))).split())
        return _SPACE_BY_WIDE.sub("", raw)


def is_cjk(char: str) -> bool:
    """True for a CJK ideograph (the characters the lexicons are written in)."""
    code = ord(char)
    return 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0xF900 <= code <= 0xFAFF


# Full-width ASCII forms (U+FF01…U+FF5E) fold onto ASCII as NFKC does; ASCII letters are lowered.
_FOLD = str.maketrans(
    {**{c: chr(c - 0xFEE0).lower() for c in range(0xFF01, 0xFF5F)},
     **{c: chr(c).lower() for c in range(ord("A"), ord("Z") + 1)}}
)
# What normalisation removes or decodes between the runs of text it keeps.
_MARKUP = re.compile(
    rf"(?P<tag>{_TAG.pattern})|(?P<entity>{_ENTITY.pattern})|(?P<space>[{''.join(sorted(_SPACES))}]+)",
    re.DOTALL,
)


def _ascii_word(char: str) -> bool:
    return char.isascii() and char.isalnum()


@cache
def _converter() -> OpenCC:
    return OpenCC("t2s")


@cache
def _traditional() -> frozenset[str]:
    """Characters that t2s changes (OpenCC's TSCharacters table)."""
    table = resources.files("opencc").joinpath("dictionary", "TSCharacters.txt").read_text(encoding="utf-8")
    chars = set()
    for line in table.splitlines():
        key, _, values = line.partition("\t")
        if len(key) == 1 and values.split(" ")[0] != key:
            chars.add(key)
    return frozenset(chars)


@lru_cache(maxsize=4096)
def to_simplified(text: str) -> str:
    """Traditional → Simplified (OpenCC t2s, by phrase). Text without a traditional character is
    returned as it is: OpenCC is slow in pure Python, and its phrase table would otherwise rewrite
    correct simplified text (著 in some phrases). Cached: labels recur on every page."""
    if _traditional().isdisjoint(text):
        return text
    return str(_converter().convert(text))


def _simplified(text: str) -> str:
    """t2s over the whole string; when a phrase conversion changes the length, fall back to
    character by character so that the index map stays one to one."""
    converted = to_simplified(text)
    if converted is text or len(converted) == len(text):
        return str(converted)
    convert = _converter().convert
    return "".join(c if len(c := convert(ch)) == 1 else ch for ch in text)


class _Builder:
    """Accumulates kept runs of text with their original positions."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.index: list[int] = []
        self.breaks: set[int] = set()
        self.pending_space = False  # whitespace or a tag since the last kept character
        self.last = ""

    def keep(self, run: str, origin: int, step: int = 1) -> None:
        """Keep ``run`` (already folded), its first character at ``origin`` of the original, each
        next one ``step`` further (a decoded entity is one character standing for several)."""
        if self.pending_space and _ascii_word(self.last) and _ascii_word(run[0]):
            self.parts.append(" ")
            self.index.append(origin)
        self.pending_space = False
        self.parts.append(run)
        self.index.extend(range(origin, origin + len(run) * step, step))
        self.last = run[-1]

    def gap(self, line_break: bool) -> None:
        if line_break:
            self.breaks.add(len(self.index))
        self.pending_space = True


@lru_cache(maxsize=16)
def normalise(text: str) -> Normalised:
    """Normalise ``text`` for lexicon matching (see the module docstring).

    The last few results are kept: the page and post rules each scan the same text."""
    out = _Builder()
    pos = 0
    for m in _MARKUP.finditer(text):
        if m.start() > pos:
            out.keep(text[pos:m.start()].translate(_FOLD), pos)
        if m.group("tag") is not None:
            name = m.group(3)
            out.gap(bool(name) and name.lower() in _BLOCK_TAGS)
        elif m.group("entity") is not None:
            decoded = html.unescape(m.group("entity"))
            if len(decoded) != 1:
                out.keep(m.group("entity").translate(_FOLD), m.start())
            elif decoded in _SPACES:
                out.gap(decoded in _LINE_BREAKS)
            else:
                out.keep(decoded.translate(_FOLD), m.start(), m.end() - m.start())
        else:
            out.gap(not _LINE_BREAKS.isdisjoint(m.group("space")))
        pos = m.end()
    if pos < len(text):
        out.keep(text[pos:].translate(_FOLD), pos)
    out.index.append(len(text))
    return Normalised(_simplified("".join(out.parts)), text, tuple(out.index), frozenset(out.breaks))


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
