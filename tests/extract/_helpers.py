"""Shared helpers for extraction tests: a Selector from an HTML snippet, the real pages folder."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from parsel import Selector

REALPAGES = Path(__file__).parents[2].parent / "shared" / "realpages"

CLASSES = {
    "news": ["动态", "要闻", "新闻", "工作信息", "政务信息", "部门信息", "乡镇", "图片"],
    "notice": ["通知公告", "公告", "公示", "政策文件", "文件", "政策", "规范性文件", "法规"],
    "plan": ["人事", "任免", "规划", "计划"],
}


def sel(html: str) -> Selector:
    return Selector(text=html)


def realpage(name: str) -> Selector:
    from govcrawl.extract.charset import decode_html

    path = REALPAGES / name
    if not path.is_file():
        pytest.skip(f"real pages not available: {REALPAGES}")
    return Selector(text=decode_html(path.read_bytes())[0])


def manifest() -> list[dict[str, str]]:
    """The rows of the real pages' MANIFEST.tsv (file, source, site, kind, has_meta); none without it."""
    path = REALPAGES / "MANIFEST.tsv"
    if not path.is_file():
        return []
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))
