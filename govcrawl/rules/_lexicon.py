"""The lexicon engine of the content rules: every word list in one Aho-Corasick automaton.

``scan(text)`` normalises the text (govcrawl.model.text: 繁體 → 简体, full-width folded, tags and
whitespace between characters removed) and finds, in one pass over it, every wrong form of
typos.txt, serious.txt and abolished.txt and every leader title word of leaders.txt (spam.txt is
parsed here but judged by rules/_spam.py); the titles then let govcrawl.rules._leaders find
misspelt leader names. Each hit quotes the sentence around it, cut from the original text.

Precision guards applied to every hit:
- a hit inside one of its entry's correct contexts (the lexicon's fourth field: 既使得 for
  既使) is dropped;
- a hit whose wrong form starts or ends with an ASCII letter or digit must not continue an ASCII
  word (the spam term "av" is not found in "java");
- a hit lying wholly inside a longer hit is dropped (the longer phrase says more).

The automaton is built once, on first use, and kept for the life of the process.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache

from govcrawl.model.keywords import Keywords
from govcrawl.model.text import normalise, sentence_around
from govcrawl.rules import _leaders
from govcrawl.rules.lexicons import LexiconError, Row, read_rows

logger = logging.getLogger(__name__)

__all__ = ["FILES", "SCANNED", "SPAM_TIERS", "Entry", "Hit", "ascii_edge", "distinct", "entries", "inside_word",
           "parse_entries", "scan"]

#: Hit kind → the lexicon file its entries come from ("leader" hits come from leaders.txt).
FILES = {"typo": "typos.txt", "serious": "serious.txt", "abolished": "abolished.txt", "spam": "spam.txt"}
SPAM_TIERS = ("strong", "weak", "guard")
#: The kinds ``scan`` finds; spam terms are judged by rules/_spam.py alone, with its own automaton.
SCANNED = ("typo", "serious", "abolished")


@dataclass(frozen=True)
class Entry:
    """One lexicon line. For spam terms ``right`` is the tier (strong/weak/guard)."""

    kind: str
    wrong: str
    right: str
    note: str = ""
    contexts: tuple[str, ...] = ()


@dataclass(frozen=True)
class Hit:
    """One occurrence of a lexicon entry (or a misspelt leader name, kind "leader") in a text.

    ``start``/``end`` index the normalised text; ``quote`` is the sentence around it from the
    original text.
    """

    kind: str
    wrong: str
    right: str
    start: int
    end: int
    quote: str
    note: str = ""


def _check_form(row: Row, form: str) -> None:
    if normalise(form).text != form:
        raise LexiconError(f"{row.source}:{row.line}: {form!r} is not in normalised form "
                           f"(simplified, half-width, lower-case, no spaces): {normalise(form).text!r}")


def parse_entries(rows: Iterable[Row], kind: str) -> list[Entry]:
    """Entries of one lexicon's rows; raise LexiconError on a malformed line."""
    found = []
    for row in rows:
        fields = row.fields + ("",) * (4 - len(row.fields))
        wrong, right, note, contexts = fields[:4]
        if not wrong or len(row.fields) > 4:
            raise LexiconError(f"{row.source}:{row.line}: expected wrong<TAB>right<TAB>note[<TAB>contexts]")
        if kind == "spam":
            if right not in SPAM_TIERS:
                raise LexiconError(f"{row.source}:{row.line}: spam tier must be one of {SPAM_TIERS}")
        elif not right or right == wrong:
            raise LexiconError(f"{row.source}:{row.line}: {wrong!r} needs a right form that differs from it")
        allowed = tuple(c for c in contexts.split("|") if c)
        for form in (wrong, *allowed):
            _check_form(row, form)
        for context in allowed:
            if wrong not in context:
                raise LexiconError(f"{row.source}:{row.line}: context {context!r} does not contain {wrong!r}")
        found.append(Entry(kind, wrong, right, note, allowed))
    return found


@cache
def entries(kind: str) -> tuple[Entry, ...]:
    """The entries of the lexicon of ``kind`` (a key of FILES)."""
    return tuple(parse_entries(read_rows(FILES[kind]), kind))


@dataclass
class _Node:
    """What one automaton key stands for: lexicon entries, a correct context, a title word."""

    entries: list[Entry] = field(default_factory=list)
    context_of: set[str] = field(default_factory=set)  # wrong forms this key is a correct context of
    title: bool = False


@cache
def _automaton() -> Keywords[tuple[str, _Node]]:
    nodes: dict[str, _Node] = {}
    for kind in SCANNED:
        for entry in entries(kind):
            nodes.setdefault(entry.wrong, _Node()).entries.append(entry)
            for context in entry.contexts:
                nodes.setdefault(context, _Node()).context_of.add(entry.wrong)
    for title in _leaders.title_words():
        nodes.setdefault(title, _Node()).title = True
    automaton = Keywords((key, (key, node)) for key, node in nodes.items())
    logger.debug("lexicon automaton built with %d keys", len(nodes))
    return automaton


def _ascii_word(char: str) -> bool:
    return char.isascii() and char.isalnum()


def ascii_edge(term: str) -> bool:
    """True when ``term`` starts or ends with an ASCII letter or digit: only then can a hit of it
    continue an ASCII word (``inside_word``)."""
    return _ascii_word(term[0]) or _ascii_word(term[-1])


def inside_word(text: str, start: int, end: int) -> bool:
    """True when a hit [start, end) that starts or ends with an ASCII letter or digit continues an
    ASCII word ("av" in "java")."""
    return (_ascii_word(text[start]) and start > 0 and _ascii_word(text[start - 1])) or (
        _ascii_word(text[end - 1]) and end < len(text) and _ascii_word(text[end]))


def scan(text: str, *, quote_limit: int = 80) -> list[Hit]:
    """Every lexicon hit and misspelt leader name in ``text``, in text order (quotes of at most
    ``quote_limit`` characters)."""
    return list(_scan(text, quote_limit))


@lru_cache(maxsize=16)
def _scan(text: str, quote_limit: int) -> tuple[Hit, ...]:
    # Cached: the page rules (and the post rules) each scan the same text.
    norm = normalise(text)
    s = norm.text
    found: list[tuple[int, int, Entry]] = []
    contexts: dict[str, list[tuple[int, int]]] = {}
    titles: list[tuple[int, int, str]] = []
    for start, end, (key, node) in _automaton().find(s):
        found.extend((start, end, entry) for entry in node.entries)
        for wrong in node.context_of:
            contexts.setdefault(wrong, []).append((start, end))
        if node.title:
            titles.append((start, end, key))
    spans = [
        (start, end, entry) for start, end, entry in found
        if not inside_word(s, start, end)
        and not any(c_start <= start and end <= c_end for c_start, c_end in contexts.get(entry.wrong, ()))
    ]
    hits = [Hit(e.kind, e.wrong, e.right, a, b, "", e.note) for a, b, e in spans]
    titles.sort(key=lambda t: (t[1], t[0]))  # by end, the longest first: a name two titles reach keeps the first
    hits += [Hit("leader", v.wrong, v.right, v.start, v.end, "", v.leader.note)
             for v in _leaders.variants(s, titles)]
    kept = [h for h in hits
            if not any(o.start <= h.start and h.end <= o.end and o.end - o.start > h.end - h.start for o in hits)]
    kept.sort(key=lambda h: (h.start, h.end))
    return tuple(Hit(h.kind, h.wrong, h.right, h.start, h.end,
                     sentence_around(norm, h.start, h.end, quote_limit), h.note) for h in kept)


def distinct(hits: Iterable[Hit], ignore: Iterable[str] = ()) -> list[Hit]:
    """The first hit of each wrong phrase, leaving out the phrases a region accepts (``ignore``)."""
    skip = {normalise(p).text for p in ignore}
    seen: dict[str, Hit] = {}
    for hit in hits:
        if hit.wrong not in skip:
            seen.setdefault(hit.wrong, hit)
    return list(seen.values())
