"""End to end: crawl the loopback fixture sites with every pipeline on, then read 附件1.

The rows are the rules' findings on sites whose problems the fixture trees hold on purpose (an
empty 人事任免 column, a 404 homepage link, a 公示公告 column last updated 2026-01-10), and no row
for what must not be blamed (a firewall-style 403, a 503 that answers on retry, the absence of a
consultation channel on a site too small to say). ``scrapy annex`` then rebuilds the same workbook
from the database alone.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from govcrawl.devtools.devserver import SiteServer
from tests.conftest import FIXTURE_REGION, REPO, SCRAPY, run_spider

AS_OF = "2026-11-20"
FAST = ("DOWNLOAD_DELAY=0", "AUTOTHROTTLE_ENABLED=False", "GOVCRAWL_RETRY_BACKOFF_BASE=0.1",
        "DOWNLOAD_MAXSIZE=100000", "GOVCRAWL_MAX_QUERY_VARIANTS=5", "GOVCRAWL_MAX_PAGINATION=4")
HEADER = ["序号", "主办单位", "网站名称", "网站标识码", "首页网址", "指标类别", "问题类型", "问题描述", "问题页面",
          "发现时间"]
A, B, C = "4110230001", "4110230002", "4110230003"


def sheet(path: Path, name: str) -> list[list[Any]]:
    return [list(r) for r in load_workbook(path)[name].iter_rows(values_only=True)]


@pytest.fixture(scope="module")
def crawled(fixture_sites: dict[str, SiteServer], tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("e2e")
    result = run_spider("gov", FIXTURE_REGION, AS_OF, out, *FAST)
    assert result.returncode == 0
    return out


def test_crawl_writes_the_annex_with_the_planted_problems(crawled: Path) -> None:
    path = crawled / "fixtures" / f"附件1-测试市政府网站问题情况-{AS_OF}.xlsx"
    rows = sheet(path, "附件1")
    assert rows[0][:10] == HEADER
    found = {(r[3], r[6], r[7]) for r in rows[1:]}
    assert (A, "空白栏目", "‘人事任免’栏目无内容（页面显示“暂无信息”）") in found
    assert (A, "不可用链接", "首页链接“往年工作动态”无法访问（HTTP 404）") in found
    assert (B, "栏目不更新", "‘公示公告’栏目最近更新于2026-01-10，超过6个月未更新") in found
    descriptions = " ".join(r[7] + " " + (r[12] or "") for r in rows[1:])
    assert "secure/report.html" not in descriptions and "busy/notice.html" not in descriptions
    assert not [r for r in rows[1:] if r[3] == C and r[6] == "互动回应差"]
    assert all(r[5] in ("单项否决", "扣分") for r in rows[1:])
    units = [r[3] for r in rows[1:]]
    assert units == sorted(units, key=[A, B, C].index)            # ordered by unit …
    for unit in (A, B, C):                                       # … then vetoes first
        categories = [r[5] for r in rows[1:] if r[3] == unit]
        assert categories == sorted(categories, key=lambda c: c != "单项否决")
    results = sheet(path, "检查结果")
    assert [r[3] for r in results[1:4]] == [A, B, C]
    assert all(r[8] in ("合格", "不合格") for r in results[1:4])


def test_scrapy_annex_rebuilds_the_same_workbook(crawled: Path) -> None:
    path = crawled / "fixtures" / f"附件1-测试市政府网站问题情况-{AS_OF}.xlsx"
    before = sheet(path, "附件1"), sheet(path, "检查结果")
    done = subprocess.run([str(SCRAPY), "annex", "-a", f"region={FIXTURE_REGION}", "-a", f"as_of={AS_OF}",
                           "-s", f"OUTPUT_DIR={crawled}"], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    assert str(path) in done.stdout
    assert (sheet(path, "附件1"), sheet(path, "检查结果")) == before
