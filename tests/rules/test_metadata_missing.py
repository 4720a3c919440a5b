from __future__ import annotations

from govcrawl.model.facts import MetadataGap
from govcrawl.model.findings import DEDUCTION
from govcrawl.rules import metadata_missing
from tests.rules._site import check, facts


def gaps(n: int, *missing: str) -> tuple[MetadataGap, ...]:
    return tuple(MetadataGap(f"http://127.0.1.1/a/{i:03}.html", missing) for i in range(n))


def test_one_row_per_site_with_count_names_and_examples() -> None:
    listing = MetadataGap("http://127.0.1.1/list/", ("ColumnName", "SiteIDCode"))
    subject = facts(metadata_gaps=(*gaps(12, "SiteIDCode"), listing))
    [finding] = check(metadata_missing, subject)
    assert finding.category == DEDUCTION and finding.problem_type == "元数据缺失"
    assert finding.page_count == 13
    assert finding.description == "页面缺少规范要求的元数据：站点级SiteIDCode 13页、栏目级ColumnName 1页"
    assert finding.pages == tuple(f"http://127.0.1.1/a/{i:03}.html" for i in range(5))
    assert finding.url == finding.pages[0]


def test_pages_with_complete_metadata_pass() -> None:
    assert check(metadata_missing, facts(metadata_gaps=gaps(4))) == []


def test_example_count_follows_the_setting() -> None:
    [finding] = check(metadata_missing, facts(metadata_gaps=gaps(1, "SiteName")), dedup_pages=1)
    assert finding.page_count == 1 and len(finding.pages) == 1
    [finding] = check(metadata_missing, facts(metadata_gaps=gaps(8, "SiteName")), dedup_pages=2)
    assert len(finding.pages) == 2 and finding.page_count == 8
