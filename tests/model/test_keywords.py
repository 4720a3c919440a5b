"""The one-pass keyword matcher the lexicons and the Traditional-character test are built on."""

from __future__ import annotations

from govcrawl.model.keywords import Keywords


def test_every_occurrence_overlapping_by_end_then_longest() -> None:
    words = Keywords([("再接再厉", "idiom"), ("再厉", "tail"), ("接再", "middle")])
    assert words.find("要再接再厉，再厉") == [(2, 4, "middle"), (1, 5, "idiom"), (3, 5, "tail"), (6, 8, "tail")]


def test_offsets_count_characters_outside_the_basic_plane() -> None:
    assert Keywords([("ab", 1)]).find("😀xab") == [(2, 4, 1)]


def test_a_key_given_twice_keeps_its_last_value_and_empty_keys_are_left_out() -> None:
    words = Keywords([("av", "first"), ("", "empty"), ("av", "last")])
    assert len(words) == 1
    assert words.find("av") == [(0, 2, "last")]


def test_no_keys() -> None:
    assert Keywords([]).find("任何文字") == []
