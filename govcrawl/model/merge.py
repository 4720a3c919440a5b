"""Merging findings that are the same problem: one annex row per (subject, 问题类型, key).

The same broken link or the same wrong phrase on 40 pages is one row that counts the pages and
names the first few. ``merge`` is the only merge there is: the dedup pipeline uses it in memory
and govcrawl/storage/findings.py uses it against rows already stored (by this process, an earlier
flush, or another crawl process sharing the database).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from govcrawl.model.findings import VETO, Finding


def merge(first: Finding, other: Finding, max_pages: int) -> Finding:
    """``first`` with ``other``'s pages counted in; the first row's wording and URL stay.

    Page counts add up, pages are united in order up to ``max_pages``, the heavier category and the
    larger points win (a broken link seen on the homepage costs the homepage's point).
    """
    if first.dedup_key != other.dedup_key:
        raise ValueError(f"cannot merge findings of different keys: {first.dedup_key} / {other.dedup_key}")
    pages = tuple(dict.fromkeys(first.pages + other.pages))[:max_pages]
    return replace(
        first,
        category=VETO if first.is_veto or other.is_veto else first.category,
        pages=pages,
        page_count=first.page_count + other.page_count,
        points=max(first.points, other.points),
        seen=min(first.seen, other.seen),
        screenshot=first.screenshot or other.screenshot,
        extra={**other.extra, **first.extra},
    )


def merge_into(merged: dict[tuple[str, str, str], Finding], findings: Iterable[Finding], max_pages: int) -> None:
    """Add ``findings`` to ``merged`` (keyed by dedup key), merging findings already there."""
    for finding in findings:
        known = merged.get(finding.dedup_key)
        merged[finding.dedup_key] = finding if known is None else merge(known, finding, max_pages)


def dedup(findings: Iterable[Finding], max_pages: int) -> list[Finding]:
    """The findings with duplicates merged, in the order their keys first appeared."""
    merged: dict[tuple[str, str, str], Finding] = {}
    merge_into(merged, findings, max_pages)
    return list(merged.values())
