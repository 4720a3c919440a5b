"""Page metadata of the government site-design spec (政府网站元数据).

The 元数据缺失 indicator asks every page to carry ``<meta name=… content=…>`` tags named by the
spec: site level on every page, column level on list and article pages, article level on
articles. Names are matched case-insensitively and reported in the spec's spelling.
"""

from __future__ import annotations

from collections.abc import Mapping

from parsel import Selector

from govcrawl.extract._dom import per_document

__all__ = [
    "ARTICLE_FIELDS",
    "COLUMN_FIELDS",
    "SITE_FIELDS",
    "missing_metadata",
    "page_metadata",
    "required_fields",
]

SITE_FIELDS: tuple[str, ...] = ("SiteName", "SiteDomain", "SiteIDCode")
COLUMN_FIELDS: tuple[str, ...] = ("ColumnName", "ColumnDescription", "ColumnKeywords", "ColumnType")
ARTICLE_FIELDS: tuple[str, ...] = (
    "ArticleTitle",
    "PubDate",
    "ContentSource",
    "Keywords",
    "Author",
    "Description",
    "Url",
)

_SPEC_SPELLING = {name.lower(): name for name in SITE_FIELDS + COLUMN_FIELDS + ARTICLE_FIELDS}


def page_metadata(sel: Selector) -> dict[str, str]:
    """Every ``<meta name=… content=…>`` with non-empty content.

    Spec names are returned in the spec's spelling (``sitename`` → ``SiteName``); other names keep
    their own spelling. Also reads ``property=`` (Open Graph) metas. The first occurrence wins.
    """
    return dict(_metadata(sel))


@per_document
def _metadata(sel: Selector) -> tuple[tuple[str, str], ...]:
    result: dict[str, str] = {}
    for meta in sel.xpath("//meta"):
        name = meta.attrib.get("name") or meta.attrib.get("property") or meta.attrib.get("itemprop")
        content = meta.attrib.get("content")
        if not name or content is None:
            continue
        name = name.strip()
        content = " ".join(content.split())
        if not name or not content:
            continue
        key = _SPEC_SPELLING.get(name.lower(), name)
        result.setdefault(key, content)
    return tuple(result.items())


def required_fields(kind: str) -> tuple[str, ...]:
    """Spec fields a page of ``kind`` must carry, by its level: site fields on every page, column
    fields on list pages, article fields on article pages only. Letters (mailbox), service guides
    (often served by a separate 政务服务 system) and other pages are not articles or columns of
    the site's CMS and are held to the site level."""
    if kind == "list":
        return SITE_FIELDS + COLUMN_FIELDS
    if kind == "article":
        return SITE_FIELDS + COLUMN_FIELDS + ARTICLE_FIELDS
    return SITE_FIELDS


def field_level(name: str) -> str:
    """The spec level a field belongs to, as 问题描述 names it: 站点级, 栏目级 or 文章级."""
    if name in SITE_FIELDS:
        return "站点级"
    return "栏目级" if name in COLUMN_FIELDS else "文章级"


def missing_metadata(meta: Mapping[str, str], kind: str) -> tuple[str, ...]:
    """Spec fields that a page of ``kind`` lacks (absent or blank), in spec order."""
    present = {k.lower() for k, v in meta.items() if v.strip()}
    return tuple(name for name in required_fields(kind) if name.lower() not in present)
