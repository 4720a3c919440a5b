"""Wording shared by the rules' 问题描述 sentences."""

from __future__ import annotations

from collections.abc import Iterable


def period(days: int) -> str:
    """A threshold in the words of a circular: 14 → 2周, 183 → 6个月, 365 → 1年, 10 → 10天."""
    if days >= 365 and days % 365 == 0:
        return f"{days // 365}年"
    if days >= 28:
        return f"{round(days / 30.5)}个月"
    if days % 7 == 0:
        return f"{days // 7}周"
    return f"{days}天"


def column_label(name: str, url: str) -> str:
    """‘工作动态’栏目, or the column's URL when its name could not be read."""
    return f"‘{name}’栏目" if name else f"栏目{url}"


def joined(names: Iterable[str]) -> str:
    return "、".join(names)
