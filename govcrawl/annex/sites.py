"""附件1 from the database: site rules, dedup, verdicts and the workbook of one run.

``finalize_run`` is the one way the annex is made: the export pipeline calls it when a crawl
closes, and ``scrapy annex`` calls it to rebuild the annex without crawling. It re-runs the
site-scope rules over the stored facts (their earlier rows are replaced, never merged twice),
reads them back with the page findings the crawl stored, scores every site, stores the verdicts
and writes OUTPUT_DIR/<code>/附件1-<region name>政府网站问题情况-<as_of>.xlsx.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from govcrawl.annex.base import (
    INCOMPLETE_COLUMN,
    AnnexResult,
    annex_findings,
    described,
    incomplete_cell,
    incomplete_scores,
    other_pages,
    save_verdicts,
    summary_line,
)
from govcrawl.annex.evidence import attach_screenshots
from govcrawl.annex.rectify import rectify_run
from govcrawl.annex.scoring import Score, score_subject, unchecked
from govcrawl.annex.xlsx import CellValue, ColumnSpec, Sheet, SheetSpec, write_workbook
from govcrawl.config import CrawlConfig
from govcrawl.model.conf import build_conf
from govcrawl.model.findings import SITE_PROBLEM_TYPES, VETO, Finding
from govcrawl.regions import Region, Site
from govcrawl.rules import apply, rules_for
from govcrawl.storage.finding_rows import delete_findings, load_findings, save_findings
from govcrawl.storage.load_facts import load_site_facts, was_crawled
from govcrawl.storage.models import Run

logger = logging.getLogger(__name__)

ANNEX1 = SheetSpec("附件1", (
    ColumnSpec("序号", 6, wrap=False),
    ColumnSpec("主办单位", 22),
    ColumnSpec("网站名称", 22),
    ColumnSpec("网站标识码", 13, wrap=False),
    ColumnSpec("首页网址", 28, link=True),
    ColumnSpec("指标类别", 10),
    ColumnSpec("问题类型", 14),
    ColumnSpec("问题描述", 50),
    ColumnSpec("问题页面", 40, link=True),
    ColumnSpec("发现时间", 12, wrap=False),
    ColumnSpec("出现页面数", 10, wrap=False),
    ColumnSpec("其他出现页面", 40),
    ColumnSpec("证据", 40),
    ColumnSpec("截图", 24, file_link=True),
))
SITE_RESULTS = SheetSpec("检查结果", (
    ColumnSpec("序号", 6, wrap=False),
    ColumnSpec("网站名称", 24),
    ColumnSpec("主办单位", 24),
    ColumnSpec("网站标识码", 13, wrap=False),
    ColumnSpec("首页网址", 30, link=True),
    ColumnSpec("单项否决问题数", 10, wrap=False),
    ColumnSpec("扣分问题数", 10, wrap=False),
    ColumnSpec("得分", 8, wrap=False),
    ColumnSpec("检查结论", 10, wrap=False),
    ColumnSpec(INCOMPLETE_COLUMN, 40),
))


def annex_path(output_dir: str | Path, region: Region, as_of: date) -> Path:
    return Path(output_dir) / region.code / f"附件1-{region.name}政府网站问题情况-{as_of.isoformat()}.xlsx"


def annex_rows(sites: Sequence[Site], findings: Sequence[Finding]) -> list[list[CellValue]]:
    """附件1's rows: one per finding the annex lists, in its order (see annex_findings)."""
    unit = {site.site_code: (site.owner, site.name, site.site_code, site.url) for site in sites}
    order = {code: index for index, code in enumerate(unit)}
    return [[number, *unit[finding.subject], finding.category, finding.problem_type, described(finding), finding.url,
             finding.seen, finding.page_count, other_pages(finding), finding.evidence, finding.screenshot]
            for number, finding in enumerate(annex_findings(findings, order, SITE_PROBLEM_TYPES, "附件1"), start=1)]


def _result_rows(sites: Sequence[Site], scores: Mapping[str, Score]) -> list[list[CellValue]]:
    return [[number, site.name, site.owner, site.site_code, site.url, scores[site.site_code].veto_count,
             scores[site.site_code].deduction_count, scores[site.site_code].score,
             scores[site.site_code].verdict, incomplete_cell(scores[site.site_code])]
            for number, site in enumerate(sites, start=1)]


def _site_findings(session: Session, run: Run, region: Region, settings: Mapping[str, Any]) -> tuple[
        list[Finding], set[str], dict[str, list[str]]]:
    """Findings of every site rule on every site, the codes of the sites this run crawled, and the
    site rules that raised, by site code."""
    rules = rules_for("site")
    findings: list[Finding] = []
    crawled: set[str] = set()
    failures: dict[str, list[str]] = {}
    for site in region.sites:
        conf = build_conf(settings, region, site, run.as_of)
        since = datetime.combine(run.as_of - timedelta(days=conf["GOVCRAWL_PROBE_WINDOW_DAYS"]), time())
        facts = load_site_facts(session, run, site, since)
        if was_crawled(facts):
            crawled.add(site.site_code)
        findings.extend(apply(rules, facts, conf, site.url, failures.setdefault(site.site_code, [])))
    return findings, crawled, failures


def finalize_run(engine: Engine, run_id: int, region: Region, settings: Mapping[str, Any],
                 previous: date | None = None) -> AnnexResult:
    """Site rules, dedup with the stored page findings, verdicts and the 附件1 workbook of a run, with
    its 整改情况 against the inspection of ``previous`` (default: the latest earlier one)."""
    output_dir = CrawlConfig.from_settings(settings).output_dir
    with Session(engine) as session, session.begin():
        run = session.get(Run, run_id)
        if run is None:
            raise LookupError(f"no run {run_id} in the database")
        as_of = run.as_of
        region_conf = build_conf(settings, region, None, as_of)
        fresh, crawled, failures = _site_findings(session, run, region, settings)
        delete_findings(session, run_id, [rule.ID for rule in rules_for("site")])
        session.flush()
        save_findings(session, run_id, fresh, region_conf["GOVCRAWL_DEDUP_PAGES"])
    # Screenshots after the findings are committed: a browser is slow, and the database stays free.
    with Session(engine) as session, session.begin():
        attach_screenshots(session, run_id, Path(output_dir) / region.code, settings)
    with Session(engine) as session, session.begin():
        findings = load_findings(session, run_id)
        scores: dict[str, Score] = {}
        for site in region.sites:
            mine = [f for f in findings if f.subject == site.site_code]
            scores[site.site_code] = (score_subject(site.site_code, mine, build_conf(settings, region, site, as_of),
                                                    region.bonus.get(site.site_code, 0.0))
                                      if mine or site.site_code in crawled else unchecked(site.site_code))
        scores = {s.subject: s for s in incomplete_scores(session, run_id, scores.values(), failures)}
        save_verdicts(session, run_id, scores.values())
        units = {site.site_code: (site.owner, site.name) for site in region.sites}
        rectified = rectify_run(session, session.get_one(Run, run_id), findings, units, previous)
    ordered = tuple(scores[site.site_code] for site in region.sites)
    rows = annex_rows(region.sites, findings)
    notes = (f"检查日期：{as_of.isoformat()}", summary_line(ordered, "网站"))
    path = write_workbook(annex_path(output_dir, region, as_of), [
        Sheet(ANNEX1, rows), Sheet(SITE_RESULTS, _result_rows(region.sites, scores), notes), rectified])
    vetoes = sum(1 for row in rows if row[5] == VETO)
    logger.info("附件1 of run %s: %d rows (%d 单项否决), %s", run_id, len(rows), vetoes, summary_line(ordered, "网站"))
    return AnnexResult(path=path, run_id=run_id, as_of=as_of, rows=len(rows), scores=ordered, unit="网站")
