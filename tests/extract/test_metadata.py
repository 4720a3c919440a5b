from __future__ import annotations

from govcrawl.extract.metadata import (
    ARTICLE_FIELDS,
    COLUMN_FIELDS,
    SITE_FIELDS,
    field_level,
    missing_metadata,
    page_metadata,
    required_fields,
)

from ._helpers import realpage, sel


def test_fields() -> None:
    assert SITE_FIELDS == ("SiteName", "SiteDomain", "SiteIDCode")
    assert COLUMN_FIELDS == ("ColumnName", "ColumnDescription", "ColumnKeywords", "ColumnType")
    assert ARTICLE_FIELDS[:2] == ("ArticleTitle", "PubDate") and "Url" in ARTICLE_FIELDS


def test_page_metadata_case_insensitive_and_blank() -> None:
    html = """<head><meta name="sitename" content="平潭"><meta name="SITEDOMAIN" content=" www.x.gov.cn ">
    <meta name="SiteIDCode" content=""><meta name="keywords" content="a"><meta charset="utf-8"></head>"""
    assert page_metadata(sel(html)) == {"SiteName": "平潭", "SiteDomain": "www.x.gov.cn", "Keywords": "a"}


def test_missing_by_kind() -> None:
    meta = {"SiteName": "x", "SiteDomain": "y", "SiteIDCode": "1", "ColumnName": "通知公告"}
    assert missing_metadata(meta, "home") == ()
    assert missing_metadata(meta, "list") == ("ColumnDescription", "ColumnKeywords", "ColumnType")
    assert missing_metadata(meta, "article") == ("ColumnDescription", "ColumnKeywords", "ColumnType",
                                                 *ARTICLE_FIELDS)
    assert missing_metadata({"sitename": "x"}, "home") == ("SiteDomain", "SiteIDCode")


def test_real_pages() -> None:
    pingtan = page_metadata(realpage("pingtan-gov-cn-list-tjgb.html"))
    assert pingtan["SiteIDCode"] == "3590000001" and pingtan["ColumnName"] == "统计公报"
    assert missing_metadata(pingtan, "list") == ()
    shanxi = page_metadata(realpage("shanxi-gov-cn-article-pinpaisilu.html"))
    assert missing_metadata(shanxi, "article") == ("ColumnDescription", "ColumnKeywords", "ColumnType", "Author")
    assert missing_metadata(page_metadata(realpage("gov-cn-home.html")), "home") == SITE_FIELDS


def test_fields_are_required_by_page_level() -> None:
    for kind in ("home", "mailbox", "guide", "other"):
        assert required_fields(kind) == SITE_FIELDS, kind
    assert required_fields("list") == SITE_FIELDS + COLUMN_FIELDS
    assert required_fields("article") == SITE_FIELDS + COLUMN_FIELDS + ARTICLE_FIELDS
    assert [field_level(n) for n in ("SiteIDCode", "ColumnName", "Author")] == ["站点级", "栏目级", "文章级"]
