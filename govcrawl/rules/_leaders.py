"""Misspelt names of Party and state leaders next to their titles (严重表述错误).

A listed misspelling catches only the mistakes someone thought of; the usual ones come from an
input method: a character with the same pinyin (习进平, 朱熔基) or a character of similar shape
(习近乎). So a name is judged where it stands next to one of its leader's title words
(总书记, 总理, 委员长, 同志, 新时代中国特色社会主义思想 … from leaders.txt): the characters
right before or after the title that differ from a listed name in exactly one character, when
that character has the same pinyin (tones ignored, any reading) or is listed as similar in
shape in shapes.txt, are a misspelt name.

Precision: a title word alone is never a hit, and a name that is another listed leader's is not
a variant. Two-character names are listed only with titles that belong to one office
(全国政协主席, 国务院总理 …), since 李熙同志 may be anyone.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache

from pypinyin import Style, pinyin

from govcrawl.model.text import is_cjk
from govcrawl.rules.lexicons import LexiconError, read_rows

logger = logging.getLogger(__name__)

__all__ = ["Leader", "Variant", "leaders", "shapes", "title_words", "variants"]


@dataclass(frozen=True)
class Leader:
    name: str
    titles: tuple[str, ...]
    note: str


@dataclass(frozen=True)
class Variant:
    """A misspelt name next to its title: the phrase as written and as it should read."""

    start: int
    end: int
    wrong: str
    right: str
    leader: Leader


@cache
def leaders() -> tuple[Leader, ...]:
    found = []
    for row in read_rows("leaders.txt"):
        if len(row.fields) < 2 or not row.fields[0] or not row.fields[1]:
            raise LexiconError(f"{row.source}:{row.line}: expected name<TAB>title|title…")
        titles = tuple(t for t in row.fields[1].split("|") if t)
        found.append(Leader(row.fields[0], titles, row.fields[2] if len(row.fields) > 2 else ""))
    return tuple(found)


@cache
def shapes() -> Mapping[str, frozenset[str]]:
    """Similar-shape characters, both ways (习 ↔ 刁)."""
    pairs: dict[str, set[str]] = {}
    for row in read_rows("shapes.txt"):
        if len(row.fields) < 2 or len(row.fields[0]) != 1 or not row.fields[1]:
            raise LexiconError(f"{row.source}:{row.line}: expected char<TAB>similar characters")
        char = row.fields[0]
        for other in row.fields[1]:
            pairs.setdefault(char, set()).add(other)
            pairs.setdefault(other, set()).add(char)
    return {k: frozenset(v) for k, v in pairs.items()}


def title_words() -> frozenset[str]:
    return frozenset(t for leader in leaders() for t in leader.titles)


@cache
def _by_title() -> Mapping[str, tuple[Leader, ...]]:
    table: dict[str, list[Leader]] = {}
    for leader in leaders():
        for title in leader.titles:
            table.setdefault(title, []).append(leader)
    return {k: tuple(v) for k, v in table.items()}


@cache
def _readings(char: str) -> frozenset[str]:
    return frozenset(pinyin(char, style=Style.NORMAL, heteronym=True)[0])


def _similar(written: str, meant: str) -> bool:
    return bool(_readings(written) & _readings(meant)) or written in shapes().get(meant, frozenset())


def _misspelt(written: str, name: str) -> bool:
    if len(written) != len(name) or written == name or not all(is_cjk(c) for c in written):
        return False
    diffs = [i for i, (a, b) in enumerate(zip(written, name, strict=True)) if a != b]
    return len(diffs) == 1 and _similar(written[diffs[0]], name[diffs[0]])


@cache
def _names() -> frozenset[str]:
    return frozenset(leader.name for leader in leaders())


@cache
def _reach(title: str) -> int:
    """How far from a title word its leaders' names reach (the longest name)."""
    return max((len(leader.name) for leader in _by_title().get(title, ())), default=0)


def variants(text: str, titles: Iterable[tuple[int, int, str]]) -> list[Variant]:
    """Misspelt leader names in the normalised ``text`` next to the title words found at
    ``titles`` (start, end, title)."""
    found: dict[tuple[int, int], Variant] = {}
    for t_start, t_end, title in titles:
        # judged on the few characters around the title, cached: a frequent title word (思想) stands
        # next to the same characters again and again
        left = max(t_start - _reach(title), 0)
        window = text[left:t_end + _reach(title)]
        for n_start, n_end, variant in _around_title(window, t_start - left, t_end - left, title):
            found.setdefault((n_start + left, n_end + left),
                             Variant(variant.start + left, variant.end + left, variant.wrong, variant.right,
                                     variant.leader))
    return sorted(found.values(), key=lambda v: v.start)


@lru_cache(maxsize=4096)
def _around_title(window: str, t_start: int, t_end: int, title: str) -> tuple[tuple[int, int, Variant], ...]:
    """The misspelt names before or after the title at [t_start, t_end) of ``window``: (start, end)
    of the name and the variant."""
    names = _names()
    found = []
    for leader in _by_title().get(title, ()):
        size = len(leader.name)
        for n_start in (t_start - size, t_end):
            if n_start < 0 or n_start + size > len(window):
                continue
            written = window[n_start:n_start + size]
            if written in names or not _misspelt(written, leader.name):
                continue
            start, end = min(n_start, t_start), max(n_start + size, t_end)
            phrase = window[start:end]
            offset = n_start - start
            right = phrase[:offset] + leader.name + phrase[offset + size:]
            found.append((n_start, n_start + size, Variant(start, end, phrase, right, leader)))
    return tuple(found)
