"""End to end: how right is 附件1? Precision and recall per 问题类型 against a ground truth.

The evaluation region (tests/sites/eval.toml) holds every loopback fixture site: the three of
fixtures.toml, a site in Traditional characters served in Big5 and UTF-8 with planted wrong
expressions, a typo, a hidden gambling-link block and a stale mailbox message (trad_big5), and a
clean site that must get no row at all (clean_div). tests/sites/expected.toml lists, per site,
every problem a careful inspector would report at AS_OF, read from the pages by hand.

The region is crawled once, after an earlier inspection of the two sites that changed since
(eval_previous.toml over tests/sites/previous/, as_of EARLIER_AS_OF: 旧文新发 compares runs);
every 附件1 row is matched to one expected problem (same site and
问题类型, the expected page, the expected phrase in 问题描述/证据, Traditional characters read as
Simplified). A row that matches none is a false row. The table of precision and recall per
问题类型 is printed (``pytest tests/e2e/test_precision.py -s``) and repeated in every failure.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from govcrawl.devtools.devserver import SiteServer, layered
from govcrawl.model.findings import SITE_PROBLEM_TYPES
from govcrawl.model.text import to_simplified
from govcrawl.storage.models import Column, Link
from tests.conftest import PORT, QUICK, SITES_DIR, run_spider
from tests.e2e._precision import (
    Expected,
    Row,
    Tally,
    annex_rows,
    checked_types,
    listing,
    load_truth,
    match,
    records,
    render,
    tally,
)

AS_OF = "2026-11-20"
EVAL_REGION = SITES_DIR / "eval.toml"
EXPECTED = SITES_DIR / "expected.toml"
EARLIER_AS_OF = "2026-08-20"
EARLIER_REGION = SITES_DIR / "eval_previous.toml"
#: the sites whose pages changed since the earlier inspection, served by this module (earlier, then now)
CHANGED_SITES = {"redated_table": "127.0.1.120", "redated_list": "127.0.1.121"}
FAST = (*QUICK, "DOWNLOAD_MAXSIZE=100000", "GOVCRAWL_MAX_QUERY_VARIANTS=5", "GOVCRAWL_MAX_PAGINATION=4")
TRADITIONAL, CLEAN = "4110230004", "4110230005"
#: Types whose planted problems must all be found (the content rules, on the Traditional site).
MUST_FIND = ("严重表述错误", "暗链或违规内容")


@dataclass(frozen=True)
class Evaluation:
    rows: tuple[Row, ...]
    false_rows: tuple[Row, ...]
    missed: tuple[Expected, ...]
    found: tuple[Expected, ...]
    verdicts: dict[str, str]
    tallies: tuple[Tally, ...]
    table: str
    columns: dict[tuple[str, str], Column]  # (site code, path) → the stored column
    checked_links: tuple[str, ...]  # every URL the crawl requested or checked


def _serve(roots: dict[str, Path]) -> list[SiteServer]:
    return [SiteServer(root, CHANGED_SITES[name], PORT).start() for name, root in roots.items()]


@pytest.fixture(scope="module")
def changed_sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The output folder after the earlier inspection of the changed sites; they are served as they
    are now until the module ends."""
    out = tmp_path_factory.mktemp("precision")
    earlier = tmp_path_factory.mktemp("earlier")
    servers = _serve({name: layered(SITES_DIR / name, SITES_DIR / "previous" / name, earlier / name)
                      for name in CHANGED_SITES})
    try:
        result = run_spider("gov", EARLIER_REGION, EARLIER_AS_OF, out, *FAST, "GOVCRAWL_ANNEX_ON_CLOSE=False",
                            timeout=120)
    finally:
        for server in servers:
            server.stop()
    assert result.returncode == 0, result.stderr[-3000:]
    servers = _serve({name: SITES_DIR / name for name in CHANGED_SITES})
    try:
        yield out
    finally:
        for server in servers:
            server.stop()


@pytest.fixture(scope="module")
def evaluation(fixture_sites: dict[str, SiteServer], changed_sites: Path) -> Evaluation:
    out = changed_sites
    result = run_spider("gov", EVAL_REGION, AS_OF, out, *FAST, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    path = out / "eval" / f"附件1-评测市政府网站问题情况-{AS_OF}.xlsx"
    _, truth = load_truth(EXPECTED)
    rows = annex_rows(path)
    pairs, false_rows = match(rows, truth)
    found_ids = {id(e) for _, e in pairs}
    tallies = tally(pairs, false_rows, truth)
    missed = [e for e in truth if id(e) not in found_ids]
    table = "\n\n".join(part for part in (
        render(tallies, checked_types()),
        listing("false rows", (f"{r.site} {r.type}: {r.description} [{r.path}]" for r in false_rows)),
        listing("missed", (f"{e.site} {e.type}: {e.why}" + (f" (gap: {e.gap})" if e.gap else "")
                            for e in missed)),
    ) if part)
    print(f"\n附件1 against tests/sites/expected.toml (as_of {AS_OF})\n{table}")
    results = {str(r["网站标识码"]): str(r["检查结论"]) for r in records(path, "检查结果")}
    engine = create_engine(f"sqlite:///{out / 'eval' / 'govcrawl.sqlite'}")
    with Session(engine, expire_on_commit=False) as session:
        columns = {(c.site, urlsplit(c.url).path + (f"?{urlsplit(c.url).query}" if urlsplit(c.url).query else "")): c
                   for c in session.scalars(select(Column))}
        checked_links = tuple(session.scalars(select(Link.url)))
    engine.dispose()
    return Evaluation(tuple(rows), tuple(false_rows), tuple(missed), tuple(e for _, e in pairs), results,
                      tuple(tallies), table, columns, checked_links)


def test_ground_truth_names_known_sites_and_types() -> None:
    verdicts, truth = load_truth(EXPECTED)
    region = tomllib.loads(EVAL_REGION.read_text("utf-8"))
    assert set(verdicts) == {site["site_code"] for site in region["sites"]}
    assert all(e.site in verdicts and e.type in SITE_PROBLEM_TYPES and (e.key or e.page or e.type == "元数据缺失")
               for e in truth)
    assert not [e for e in truth if e.site == CLEAN]


def test_matching_reads_traditional_text_and_takes_each_problem_once() -> None:
    truth = [Expected("1", "错别字", "/a.html", "再接再励", "", "")]
    row = Row("1", "扣分", "错别字", "", "/a.html", to_simplified("全體教職工要再接再勵"))
    pairs, false_rows = match([row, row], truth)
    assert [e for _, e in pairs] == truth and false_rows == [row]
    assert match([Row("1", "扣分", "错别字", "", "/b.html", row.text)], truth)[1]


def test_no_false_row_in_any_problem_type(evaluation: Evaluation) -> None:
    wrong = [t.type for t in evaluation.tallies if t.precision not in (None, 1.0)]
    assert not wrong, evaluation.table
    assert evaluation.rows, "the crawl wrote no 附件1 row at all"


def test_clean_site_has_no_row_and_passes(evaluation: Evaluation) -> None:
    assert not [r for r in evaluation.rows if r.site == CLEAN], evaluation.table
    assert evaluation.verdicts[CLEAN] == "合格"


def test_planted_content_problems_are_all_found(evaluation: Evaluation) -> None:
    checked = checked_types()
    for kind in MUST_FIND:
        if kind not in checked:
            pytest.fail(f"no registered rule reports {kind}: govcrawl/rules/__init__.py")
        assert next(t for t in evaluation.tallies if t.type == kind).recall == 1.0, evaluation.table
    assert {e.type for e in evaluation.found if e.site == TRADITIONAL} >= set(MUST_FIND)


def test_every_problem_outside_the_known_gaps_is_found(evaluation: Evaluation) -> None:
    checked = checked_types()
    missed = [e for e in evaluation.missed if not e.gap and e.type in checked]
    assert not missed, evaluation.table


def test_verdicts_follow_the_ground_truth(evaluation: Evaluation) -> None:
    verdicts, _ = load_truth(EXPECTED)
    assert evaluation.verdicts == verdicts, evaluation.table
    vetoed = {r.site for r in evaluation.rows if r.category == "单项否决"}
    assert all(evaluation.verdicts[site] == "不合格" for site in vetoed)


def test_a_column_is_one_row_whatever_pages_of_it_were_seen(evaluation: Evaluation) -> None:
    """trs_table's 工作动态 is reached as /gzdt/, /gzdt/index.html and (from the homepage) its old
    pager page index_2.html: one column, fresh on page 1, so no row; every column row is unique."""
    column_rows = [(r.site, r.type, r.path) for r in evaluation.rows if r.type in ("栏目不更新", "空白栏目")]
    assert len(column_rows) == len(set(column_rows)), evaluation.table
    trs = [r for r in evaluation.rows if r.site == "4110230031" and r.type in ("栏目不更新", "空白栏目")]
    assert sorted(r.path for r in trs) == ["/gkml/ghjh/", "/gkml/jyta/", "/gkml/rsrm/", "/gkml/zcjd/", "/gkml/zcwj/",
                                           "/tzgg/"], evaluation.table
    assert "2026-03-02" in next(r.text for r in trs if r.path == "/tzgg/")
    hanweb = sorted((r.type, r.path) for r in evaluation.rows if r.site == "4110230032")
    assert hanweb == [("栏目不更新", "/kpy/tzgg/"), ("空白栏目", "/kpy/xzcf/")], evaluation.table


def test_query_pagers_are_followed_into_one_column(evaluation: Evaluation) -> None:
    """The ?page= pager of trs_table's 通知公告 and the uid/pageNum pager of hanweb_div's 工作动态 lead
    to pages the fixture server really serves (older items): each column is one row, merged over
    its pages, with the newest date of page 1."""
    trs = [c for (site, path), c in evaluation.columns.items() if site == "4110230031" and path.startswith("/tzgg/")]
    assert [(c.pages, c.newest_date.isoformat() if c.newest_date else None, c.items_seen, c.item_count)
            for c in trs] == [(2, "2026-03-02", 6, 6)]
    hanweb = [c for (site, path), c in evaluation.columns.items()
              if site == "4110230032" and path.startswith("/col/col101/")]
    assert len(hanweb) == 1, [c.url for c in hanweb]
    assert (hanweb[0].pages, hanweb[0].newest_date and hanweb[0].newest_date.isoformat()) == (5, "2026-11-18")
    assert hanweb[0].items_seen == 4 * 5  # whichever page was stored first, each page's items count once


def test_the_national_jiucuo_page_is_read_never_requested(evaluation: Evaluation) -> None:
    """Four homepages link zfwzgl.www.gov.cn/exposure/jiucuo.html: the 找错 rule reads the site_code in
    the link; the crawl neither follows nor checks it (only the region's own sites are requested)."""
    assert evaluation.checked_links, "the crawl stored no link at all"
    assert not [url for url in evaluation.checked_links if "zfwzgl" in url or "/exposure/" in url]
    jiucuo = sorted((r.site, r.description) for r in evaluation.rows if r.type == "找错入口缺失")
    assert [site for site, _ in jiucuo] == ["4110230001", "4110230002", "4110230004"], evaluation.table


def test_an_article_redated_since_the_earlier_inspection_is_a_row_with_both_dates(evaluation: Evaluation) -> None:
    """旧文新发 on two markups: a copy under a new date beside the old page (table layout), a page
    re-dated in place (ul/li); an annual notice reissued under the same title is no row."""
    rows = sorted((r.site, r.path, r.description) for r in evaluation.rows
                  if r.site in ("4110230120", "4110230121") and r.type == "伪造发稿日期")
    table, in_place = "http://127.0.1.120:8701/gzdt/", "http://127.0.1.121:8701/gzdt/content_105.html"
    assert rows == [
        ("4110230120", "/gzdt/202611/t20261116_5.html",
         f"《全县开展农村饮水安全工程巡查整治专项行动》在{EARLIER_AS_OF}的检查中显示发布日期2025-03-10"
         f"（{table}202503/t20250310_2.html），本次显示发布日期2026-11-16（{table}202611/t20261116_5.html），旧文新发"),
        ("4110230121", "/gzdt/content_105.html",
         f"《全县养老服务机构消防安全隐患排查整治工作全面启动》在{EARLIER_AS_OF}的检查中显示发布日期2025-06-12"
         f"（{in_place}），本次显示发布日期2026-11-17（{in_place}），旧文新发"),
    ], evaluation.table
