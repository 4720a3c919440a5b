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
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from importlib import resources
from itertools import accumulate

from opencc import OpenCC

from govcrawl.model.keywords import Keywords

logger = logging.getLogger(__name__)

__all__ = ["SENTENCE_ENDS", "Normalised", "folded", "fullwidth_to_ascii", "is_cjk", "may_hold_space", "normalise",
           "sentence_around", "sentence_bounds"]

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

    @cached_property
    def _positions(self) -> tuple[tuple[int, ...], frozenset[int]]:
        # Only quotes need them (a hit's sentence): most texts have no hit, and are spared the walk.
        _, index, breaks = _walk(self.original, _replace_present(self.original, _MARKUP_FREE))
        return index, breaks

    @property
    def index(self) -> tuple[int, ...]:
        return self._positions[0]

    @property
    def breaks(self) -> frozenset[int]:
        return self._positions[1]

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
# Full-width forms that fold onto a character no markup pattern reads (not < > & ; # ! - /, letters or
# digits): normalise folds them in the whole text at once, before the markup scan, which they cannot
# change. The rest fold run by run, and only when the text holds one of them.
_MARKUP_FREE = re.compile("[" + "".join(
    chr(c) for c in range(0xFF01, 0xFF5F) if not (chr(c - 0xFEE0).isalnum() or chr(c - 0xFEE0) in "<>&;#!-/")) + "]")
_FOLD_BY_RUN = re.compile("[A-Z" + "".join(
    chr(c) for c in range(0xFF01, 0xFF5F) if not _MARKUP_FREE.fullmatch(chr(c))) + "]")
_FULLWIDTH = re.compile("[\uff01-\uff5e]")
_FOLDABLE = re.compile("[A-Z\uff01-\uff5e]")
# Markers of removed markup between two ASCII letters or digits: the one space the walk keeps there
# (the letter before is matched rather than looked behind at, so that the search skips to letters).
_GAP_BETWEEN_WORDS = re.compile("([A-Za-z0-9])\x00+(?=[A-Za-z0-9])")


def _ascii_form(char: str) -> str:
    return chr(ord(char) - 0xFEE0)


def _replace_present(text: str, pattern: re.Pattern[str]) -> str:
    """``text`` with every full-width form ``pattern`` finds replaced by its ASCII character: one
    ``str.replace`` per distinct character present (Chinese text holds a handful, thousands of
    times), much faster than ``str.translate`` over the whole text. The search resumes where the
    last character was found (that one is ASCII now): one pass, without a list of every occurrence."""
    found = pattern.search(text)
    while found:
        char = found.group()
        text = text.replace(char, _ascii_form(char))
        found = pattern.search(text, found.start())
    return text


def fullwidth_to_ascii(text: str) -> str:
    """Full-width ASCII forms (U+FF01…U+FF5E) replaced by their ASCII characters, as NFKC maps them."""
    return _replace_present(text, _FULLWIDTH)
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
def _traditional() -> tuple[re.Pattern[str], frozenset[str]]:
    """Characters that t2s changes (OpenCC's TSCharacters table): those of the Basic Multilingual
    Plane as one character class (a table lookup per character in compiled code, faster than an
    automaton), the few beyond it as a set, tested only when a text holds such a character (a class
    that holds them is searched as a list, a hundred times slower)."""
    table = resources.files("opencc").joinpath("dictionary", "TSCharacters.txt").read_text(encoding="utf-8")
    chars = set()
    for line in table.splitlines():
        key, _, values = line.partition("\t")
        if len(key) == 1 and values.split(" ")[0] != key:
            chars.add(key)
    plane = "".join(sorted(re.escape(char) for char in chars if ord(char) <= 0xFFFF))
    return re.compile(f"[{plane}]"), frozenset(char for char in chars if ord(char) > 0xFFFF)


def _has_traditional(text: str) -> bool:
    plane, beyond = _traditional()
    return plane.search(text) is not None or (_beyond_plane(text) and not beyond.isdisjoint(text))


def _beyond_plane(text: str) -> bool:
    """True when ``text`` holds a character beyond the Basic Multilingual Plane: only those take four
    bytes in UTF-16 (a copy, faster than a search)."""
    return len(text.encode("utf-16-le", "surrogatepass")) != 2 * len(text)


def to_simplified(text: str) -> str:
    """Traditional → Simplified (OpenCC t2s, by phrase). Text without a traditional character is
    returned as it is: OpenCC is slow in pure Python, and its phrase table would otherwise rewrite
    correct simplified text (著 in some phrases). Short texts are cached: labels recur on every
    page; whole page texts are not, or the cache would hold thousands of pages for the run."""
    return _short_to_simplified(text) if len(text) <= _CACHED_CHARS else _to_simplified(text)


_CACHED_CHARS = 200


def _to_simplified(text: str) -> str:
    if not _has_traditional(text):
        return text
    # OpenCC converts the parts between its separators one by one, and a part that holds no key its
    # tables change comes back as it was: only the others go through its slow pure-Python walk.
    converter = _converter()
    parts = converter.split_chars_re.split(text)
    ends = list(accumulate(len(part) for part in parts))
    changed = set()
    for start, end, _ in _changing().find(text):
        n = bisect_right(ends, start)  # the part that holds the key's first character
        if n % 2 == 0 and end <= ends[n]:
            changed.add(n)
    return "".join(str(converter.convert(part)) if n in changed else part for n, part in enumerate(parts))


@cache
def _changing() -> Keywords[bool]:
    """The keys of t2s's tables (TSPhrases, TSCharacters) whose conversion (the first value, as
    OpenCC takes it) differs from the key."""
    keys = set()
    for name in ("TSPhrases.txt", "TSCharacters.txt"):
        table = resources.files("opencc").joinpath("dictionary", name).read_text(encoding="utf-8")
        for line in table.splitlines():
            key, _, values = line.strip().partition("\t")
            if key and values.split(" ")[0] != key:
                keys.add(key)
    return Keywords((key, True) for key in keys)


_short_to_simplified = lru_cache(maxsize=4096)(_to_simplified)


def _simplified(text: str) -> str:
    """t2s over the whole string; when a phrase conversion changes the length, fall back to
    character by character so that the index map stays one to one."""
    converted = to_simplified(text)
    if converted is text or len(converted) == len(text):
        return str(converted)
    convert = _converter().convert
    return "".join(c if len(c := convert(ch)) == 1 else ch for ch in text)


@dataclass(frozen=True)
class _Scanned:
    """What normalising a text and putting it in spam form (rules/_spam.py) both start from, worked
    out once per text: each is asked of the same page text, and each of these is a pass over it."""

    text: str  # the markup-free full-width forms folded (``_fold_markup_free``): one character for one
    fold: bool  # it still holds a character to fold run by run (``_FOLD_BY_RUN``)
    traditional: bool  # it holds a character t2s changes
    spaced: bool  # it may hold whitespace (``may_hold_space``)


@lru_cache(maxsize=16)
def _scanned(text: str) -> _Scanned:
    scanned, fold = _fold_markup_free(text)
    # folding turned full-width forms into printable ASCII other than the space: neither answer changed
    return _Scanned(scanned, fold, _has_traditional(scanned), may_hold_space(scanned))


def folded(text: str) -> tuple[str, bool, bool]:
    """``fullwidth_to_ascii(text)``, whether it holds a character t2s changes and whether it may hold
    whitespace (``may_hold_space``): the answers ``normalise`` of the same text found already."""
    scanned = _scanned(text)
    return (fullwidth_to_ascii(scanned.text) if scanned.fold else scanned.text,
            scanned.traditional, scanned.spaced)


@lru_cache(maxsize=16)
def normalise(text: str) -> Normalised:
    """Normalise ``text`` for lexicon matching (see the module docstring).

    The last few results are kept: the page and post rules each scan the same text. Text without
    character references is normalised by a few whole-string operations (tags and whitespace to a
    marker, the markers between two ASCII words to one space, the rest removed), which give the
    walk's text exactly; the walk, which also maps each character to its origin, then runs only
    when a quote needs it."""
    scanned = _scanned(text)  # the same positions: one character for one
    if "&" in scanned.text or "\x00" in scanned.text:
        joined, index, breaks = _walk(text, scanned.text)
        norm = Normalised(_simplified(joined), text)  # a decoded reference may be traditional
        norm.__dict__["_positions"] = (index, breaks)  # computed already
        return norm
    joined = _markers(scanned.text, scanned.spaced)
    if scanned.fold:
        joined = joined.translate(_FOLD)
    if "\x00" in joined:
        joined = _GAP_BETWEEN_WORDS.sub(r"\1 ", joined).replace("\x00", "")
    # every character of joined but an added space is one of the scanned text, folded
    return Normalised(_simplified(joined) if scanned.traditional else joined, text)


def _fold_markup_free(text: str) -> tuple[str, bool]:
    """``_replace_present(text, _MARKUP_FREE)``, and whether ``text`` holds a character to fold run
    by run (``_FOLD_BY_RUN``), found by the same search in most texts."""
    found = _FOLDABLE.search(text)
    while found and _MARKUP_FREE.match(char := found.group()):
        text = text.replace(char, _ascii_form(char))
        found = _FOLDABLE.search(text, found.start())
    return (text, False) if found is None else (_replace_present(text, _MARKUP_FREE), True)


def _markers(text: str, spaced: bool) -> str:
    """``_MARKUP.sub("\\x00", text)`` for a text without character references, faster: tags, then
    each whitespace character ``text`` holds (one ``str.replace`` each: much faster than searching
    the class of ``_SPACES``). The number of markers may differ; only where they stand counts, and
    that is the same, since no tag holds a whitespace character outside it and no whitespace is a
    "<". ``spaced``: whether ``text`` may hold whitespace (``may_hold_space``)."""
    if "<" in text:
        text = _TAG.sub("\x00", text)
    if spaced:
        for char in _SPACES:
            if char in text:
                text = text.replace(char, "\x00")
    return text


def may_hold_space(text: str) -> bool:
    """False when ``text`` holds no whitespace (``str.isspace``) and no character of ``_SPACES``: all
    of them but the ASCII space are unprintable, and ``isprintable`` is one fast pass."""
    return " " in text or not text.isprintable()


def _walk(text: str, scanned: str) -> tuple[str, tuple[int, ...], frozenset[int]]:
    """The normalised text of ``text`` (before t2s), each of its characters' position in ``text``,
    and the line starts; ``scanned`` is ``text`` with its markup-free full-width forms folded."""
    parts: list[str] = []
    index: list[int] = []
    breaks: set[int] = set()
    pending_space = False  # whitespace or a tag since the last kept character
    last_word = False  # the last kept character is an ASCII letter or digit

    def keep(run: str, origin: int, step: int = 1) -> None:
        """Keep ``run`` (already folded), its first character at ``origin`` of the original, each
        next one ``step`` further (a decoded entity is one character standing for several)."""
        nonlocal pending_space, last_word
        if pending_space and last_word and _ascii_word(run[0]):
            parts.append(" ")
            index.append(origin)
        pending_space = False
        parts.append(run)
        index.extend(range(origin, origin + len(run) * step, step))
        last_word = _ascii_word(run[-1])

    pos = 0
    fold = _FOLD if _FOLD_BY_RUN.search(scanned) else None
    for m in _MARKUP.finditer(scanned):
        start, end = m.span()
        if start > pos:
            keep(scanned[pos:start].translate(fold) if fold else scanned[pos:start], pos)
        kind = m.lastgroup
        if kind == "tag":
            name = m.group(3)
            if name and name.lower() in _BLOCK_TAGS:
                breaks.add(len(index))
            pending_space = True
        elif kind == "entity":
            entity = m.group()
            decoded = html.unescape(entity)
            if len(decoded) != 1:
                keep(entity.translate(_FOLD), start)
            elif decoded in _SPACES:
                if decoded in _LINE_BREAKS:
                    breaks.add(len(index))
                pending_space = True
            else:
                keep(decoded.translate(_FOLD), start, end - start)
        else:
            if not _LINE_BREAKS.isdisjoint(m.group()):
                breaks.add(len(index))
            pending_space = True
        pos = end
    if pos < len(text):
        keep(scanned[pos:].translate(fold) if fold else scanned[pos:], pos)
    index.append(len(text))
    return "".join(parts), tuple(index), frozenset(breaks)


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
