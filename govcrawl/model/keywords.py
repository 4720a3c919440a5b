"""Find every occurrence of many keys in a text in one pass (Aho-Corasick, in compiled code).

The lexicons (typos, serious wording, abolished names, leader titles, spam terms) are each
searched with one ``Keywords`` automaton, built once per process.
The matcher is the ``ahocorasick_rs`` package (Rust): its scan of Chinese text runs an order of
magnitude faster than pyahocorasick's, whose root node, with a thousand first characters, is
searched linearly at every character.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Generic, TypeVar

import ahocorasick_rs

__all__ = ["Keywords"]

_V = TypeVar("_V")


class Keywords(Generic[_V]):
    """An automaton over ``pairs`` of (key, value) (a key given twice keeps its last value, empty keys
    are left out): ``find`` returns every occurrence, overlapping ones included, as (start, end,
    value) with character offsets, in no particular order (its callers sort what they keep)."""

    def __init__(self, pairs: Iterable[tuple[str, _V]]) -> None:
        unique = {key: value for key, value in pairs if key}
        self._values = list(unique.values())
        # A DFA: about 3 MiB more for the lexicon and spam automata together, their scans a quarter faster.
        self._matcher = ahocorasick_rs.AhoCorasick(list(unique) or ["\x00"],
                                                   matchkind=ahocorasick_rs.MatchKind.Standard,
                                                   implementation=ahocorasick_rs.Implementation.DFA)

    def __len__(self) -> int:
        return len(self._values)

    def find(self, text: str) -> list[tuple[int, int, _V]]:
        if not self._values:
            return []
        values = self._values
        return [(start, end, values[index])
                for index, start, end in self._matcher.find_matches_as_indexes(text, overlapping=True)]
