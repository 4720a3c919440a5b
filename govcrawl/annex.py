"""附件1 from the database: site rules, dedup, verdicts and the workbook of one run.

``finalize_run`` is the one way the annex is made: the export pipeline calls it when a crawl
closes, and ``scrapy annex`` calls it to rebuild the annex without crawling. It re-runs the
site-scope rules over the stored facts (their earlier rows are replaced, never merged twice),
reads them back with the page findings the crawl stored, scores every site, stores the verdicts
and writes OUTPUT_DIR/<code>/附件1-<region name>政府网站问题情况-<as_of>.xlsx.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, delete
from sqlalchemy.orm import Session

from govcrawl.annex_accounts import finalize_accounts
from govcrawl.findings import SITE_PROBLEM_TYPES, VETO, Finding
from govcrawl.regions import Region, Site
from govcrawl.rules import apply, rules_for
from govcrawl.rules.conf import build_conf
from govcrawl.scoring import FAIL, PASS, Score, score_subject, unchecked
from govcrawl.storage.engine import database_url, make_engine
from govcrawl.storage.facts import load_site_facts, was_crawled
from govcrawl.storage.findings import delete_findings, load_findings, save_findings
from govcrawl.storage.models import Run, Verdict
from govcrawl.xlsx import CellValue, ColumnSpec, Sheet, SheetSpec, write_workbook

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
    ColumnSpec("截图", 24),
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
))


@dataclass(frozen=True)
class AnnexResult:
    path: Path
    run_id: int
    as_of: date
    rows: int
    scores: tuple[Score, ...]

    @property
    def summary(self) -> str:
        return summary_line(self.scores, "网站")


def open_engine(settings: Mapping[str, Any], region_code: str) -> Engine:
    """The engine of a region's database (DATABASE_URL, else OUTPUT_DIR/<code>/govcrawl.sqlite)."""
    return make_engine(database_url(settings.get("DATABASE_URL", ""), settings.get("OUTPUT_DIR", "output"),
                                    region_code))


def annex_path(output_dir: str | Path, region: Region, as_of: date) -> Path:
    return Path(output_dir) / region.code / f"附件1-{region.name}政府网站问题情况-{as_of.isoformat()}.xlsx"


def summary_line(scores: Sequence[Score], unit: str) -> str:
    """共检查N个网站，合格M个，不合格K个，合格率X% (unchecked units are named, not counted)."""
    judged = [s for s in scores if s.verdict in (PASS, FAIL)]
    passed = sum(s.verdict == PASS for s in judged)
    rate = f"{passed / len(judged):.1%}" if judged else "—"
    line = f"共检查{len(judged)}个{unit}，合格{passed}个，不合格{len(judged) - passed}个，合格率{rate}"
    missing = len(scores) - len(judged)
    return line + (f"；另有{missing}个{unit}本次未检查" if missing else "")


def described(finding: Finding) -> str:
    """The 问题描述 of a merged row: the rule's sentence and, when it recurs, on how many pages."""
    if finding.page_count > 1:
        return f"{finding.description}（出现在{finding.page_count}个页面）"
    return finding.description


def _rows(sites: Sequence[Site], findings: Sequence[Finding]) -> list[list[CellValue]]:
    order = {site.site_code: index for index, site in enumerate(sites)}
    by_code = {site.site_code: site for site in sites}
    kept = []
    for finding in findings:
        if finding.subject not in order:
            logger.warning("finding for %s, which the region file does not list: left out", finding.subject)
        elif finding.problem_type not in SITE_PROBLEM_TYPES:
            logger.error("finding of rule %s has 问题类型 %r outside the 附件1 vocabulary: left out",
                         finding.rule, finding.problem_type)
        else:
            kept.append(finding)
    kept.sort(key=lambda f: (order[f.subject], not f.is_veto, SITE_PROBLEM_TYPES.index(f.problem_type),
                             f.key))
    rows: list[list[CellValue]] = []
    for number, finding in enumerate(kept, start=1):
        site = by_code[finding.subject]
        others = [p for p in finding.pages if p != finding.url]
        rows.append([number, site.owner, site.name, site.site_code, site.url, finding.category,
                     finding.problem_type, described(finding), finding.url, finding.seen, finding.page_count,
                     "\n".join(others), finding.evidence, finding.screenshot])
    return rows


def _result_rows(sites: Sequence[Site], scores: Mapping[str, Score]) -> list[list[CellValue]]:
    return [[number, site.name, site.owner, site.site_code, site.url, scores[site.site_code].veto_count,
             scores[site.site_code].deduction_count, scores[site.site_code].score,
             scores[site.site_code].verdict]
            for number, site in enumerate(sites, start=1)]


def _site_findings(session: Session, run: Run, region: Region, settings: Mapping[str, Any]) -> tuple[
        list[Finding], set[str]]:
    """Findings of every site rule on every site, and the codes of the sites this run crawled."""
    rules = rules_for("site")
    findings: list[Finding] = []
    crawled: set[str] = set()
    for site in region.sites:
        conf = build_conf(settings, region, site, run.as_of)
        since = datetime.combine(run.as_of - timedelta(days=conf["GOVCRAWL_PROBE_WINDOW_DAYS"]), time())
        facts = load_site_facts(session, run, site, since)
        if was_crawled(facts):
            crawled.add(site.site_code)
        findings.extend(apply(rules, facts, conf, site.url))
    return findings, crawled


def _save_verdicts(session: Session, run_id: int, scores: Sequence[Score]) -> None:
    session.execute(delete(Verdict).where(Verdict.run_id == run_id))
    session.add_all(Verdict(run_id=run_id, subject=s.subject, veto_count=s.veto_count,
                            deduction_count=s.deduction_count, score=s.score, verdict=s.verdict)
                    for s in scores)


def finalize_run(engine: Engine, run_id: int, region: Region, settings: Mapping[str, Any]) -> AnnexResult:
    """Site rules, dedup with the stored page findings, verdicts and the 附件1 workbook of a run."""
    with Session(engine) as session, session.begin():
        run = session.get(Run, run_id)
        if run is None:
            raise LookupError(f"no run {run_id} in the database")
        as_of = run.as_of
        region_conf = build_conf(settings, region, None, as_of)
        fresh, crawled = _site_findings(session, run, region, settings)
        delete_findings(session, run_id, [rule.ID for rule in rules_for("site")])
        session.flush()
        save_findings(session, run_id, fresh, region_conf["GOVCRAWL_DEDUP_PAGES"])
        findings = load_findings(session, run_id)
        scores: dict[str, Score] = {}
        for site in region.sites:
            mine = [f for f in findings if f.subject == site.site_code]
            scores[site.site_code] = (score_subject(site.site_code, mine, build_conf(settings, region, site, as_of))
                                      if mine or site.site_code in crawled else unchecked(site.site_code))
        _save_verdicts(session, run_id, list(scores.values()))
    ordered = tuple(scores[site.site_code] for site in region.sites)
    rows = _rows(region.sites, findings)
    notes = (f"检查日期：{as_of.isoformat()}", summary_line(ordered, "网站"))
    path = write_workbook(annex_path(settings.get("OUTPUT_DIR", "output"), region, as_of), [
        Sheet(ANNEX1, rows), Sheet(SITE_RESULTS, _result_rows(region.sites, scores), notes)])
    vetoes = sum(1 for row in rows if row[5] == VETO)
    logger.info("附件1 of run %s: %d rows (%d 单项否决), %s", run_id, len(rows), vetoes, summary_line(ordered, "网站"))
    return AnnexResult(path=path, run_id=run_id, as_of=as_of, rows=len(rows), scores=ordered)


Finalizer = Callable[[Engine, int, Region, Mapping[str, Any]], AnnexResult | Path]

#: The annex each spider's run ends with, by spider name (the probe's runs end with none).
FINALIZERS: dict[str, Finalizer] = {"gov": finalize_run, "newmedia": finalize_accounts}


def result_lines(result: AnnexResult | Path) -> list[str]:
    """What a finalizer's result tells a person: the workbook's path, and the summary when known."""
    if isinstance(result, Path):
        return [str(result)]
    return [str(result.path), f"{result.rows} rows; {result.summary} (as_of {result.as_of}, run {result.run_id})"]
