"""附件2 政务新媒体问题情况: finalize a newmedia run and write its workbook.

From the run's database rows alone (AccountCheck, Post and the post findings the rules pipeline
stored) and the region file (the registry: owner, platform, interaction), for each account:
build ``AccountFacts``, run the account-scope rules, store their findings (replacing those of an
earlier finalize of the same run), score it (govcrawl.annex.scoring: any 单项否决 → 不合格, else 100 minus
deductions against GOVCRAWL_PASS_SCORE) and store its Verdict. Then write
``OUTPUT_DIR/<code>/附件2-<region name>政务新媒体问题情况-<as_of>.xlsx``: the problem sheet (DESIGN.md's
附件2 header) and the 检查结果 sheet (one row per account and a summary line with the 合格率).

The export pipeline calls ``finalize_accounts`` when a newmedia crawl closes; ``scrapy annex``
calls it again to rebuild the workbook without crawling.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select
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
from govcrawl.annex.rectify import rectify_run
from govcrawl.annex.scoring import Score, score_subject, unchecked
from govcrawl.annex.xlsx import CellValue, ColumnSpec, Sheet, SheetSpec, write_workbook
from govcrawl.config import CrawlConfig
from govcrawl.model.account_facts import AccountFacts, FeedPost, china_time
from govcrawl.model.conf import build_conf
from govcrawl.model.findings import ACCOUNT_PROBLEM_TYPES, Finding
from govcrawl.model.items import AccountItem
from govcrawl.regions import Account, Region
from govcrawl.rules import apply, rules_for
from govcrawl.storage.finding_rows import delete_findings, load_findings, save_findings
from govcrawl.storage.models import AccountCheck, Post, Run

logger = logging.getLogger(__name__)

__all__ = ["ACCOUNT_RESULTS", "ANNEX2", "annex2_path", "finalize_accounts"]

UNIT = "政务新媒体账号"
ANNEX2 = SheetSpec("附件2", (
    ColumnSpec("序号", 6, wrap=False),
    ColumnSpec("主办单位", 22),
    ColumnSpec("账号名称", 20),
    ColumnSpec("平台", 10),
    ColumnSpec("指标类别", 10),
    ColumnSpec("问题类型", 14),
    ColumnSpec("问题描述", 50),
    ColumnSpec("问题页面", 40, link=True),
    ColumnSpec("发现时间", 12, wrap=False),
    ColumnSpec("出现条数", 10, wrap=False),
    ColumnSpec("其他出现页面", 40),
    ColumnSpec("证据", 40),
))
ACCOUNT_RESULTS = SheetSpec("检查结果", (
    ColumnSpec("序号", 6, wrap=False),
    ColumnSpec("账号名称", 20),
    ColumnSpec("平台", 10),
    ColumnSpec("主办单位", 22),
    ColumnSpec("订阅源", 40, link=True),
    ColumnSpec("读取内容条数", 10, wrap=False),
    ColumnSpec("单项否决问题数", 10, wrap=False),
    ColumnSpec("扣分问题数", 10, wrap=False),
    ColumnSpec("得分", 8, wrap=False),
    ColumnSpec("检查结论", 10, wrap=False),
    ColumnSpec(INCOMPLETE_COLUMN, 40),
))


def annex2_path(output_dir: str | Path, region: Region, as_of: date) -> Path:
    return Path(output_dir) / region.code / f"附件2-{region.name}政务新媒体问题情况-{as_of.isoformat()}.xlsx"


def finalize_accounts(engine: Engine, run_id: int, region: Region, settings: Mapping[str, Any],
                      previous: date | None = None) -> AnnexResult:
    """Judge every account of run ``run_id``, store findings and verdicts, write the 附件2 workbook
    with its 整改情况 against the inspection of ``previous`` (default: the latest earlier one)."""
    with Session(engine) as session, session.begin():
        run = session.get(Run, run_id)
        if run is None:
            raise LookupError(f"no run {run_id} in the database")
        as_of = run.as_of
        conf = build_conf(settings, region, None, as_of)
        facts = _account_facts(session, run_id, region, as_of)
        rules = rules_for("account")
        failures: dict[str, list[str]] = {}
        fresh = [f for subject in facts.values()
                 for f in apply(rules, subject, conf, subject.account.name,
                                failures.setdefault(subject.account.name, []))]
        delete_findings(session, run_id, [rule.ID for rule in rules])
        session.flush()
        save_findings(session, run_id, fresh, int(conf["GOVCRAWL_DEDUP_PAGES"]))
        findings = load_findings(session, run_id)
        scores = {account.name: score_subject(account.name, findings, conf, region.bonus.get(account.name, 0.0))
                  if account.name in facts
                  else unchecked(account.name) for account in region.accounts}
        scores = {s.subject: s for s in incomplete_scores(session, run_id, scores.values(), failures)}
        save_verdicts(session, run_id, scores.values())
        units = {account.name: (account.owner, account.name) for account in region.accounts}
        rectified = rectify_run(session, run, findings, units, previous)
    ordered = tuple(scores[account.name] for account in region.accounts)
    rows = _rows(region.accounts, findings)
    counts = {name: f.post_count for name, f in facts.items()}
    notes = (f"检查日期：{as_of.isoformat()}", summary_line(ordered, UNIT))
    path = write_workbook(annex2_path(CrawlConfig.from_settings(settings).output_dir, region, as_of), [
        Sheet(ANNEX2, rows), Sheet(ACCOUNT_RESULTS, _result_rows(region.accounts, scores, counts), notes),
        rectified])
    logger.info("附件2 of run %s: %d rows, %s", run_id, len(rows), summary_line(ordered, UNIT))
    return AnnexResult(path=path, run_id=run_id, as_of=as_of, rows=len(rows), scores=ordered, unit=UNIT)


def _account_facts(session: Session, run_id: int, region: Region, as_of: date) -> dict[str, AccountFacts]:
    """Facts of every account whose feed the run finished reading (the others were not checked)."""
    checks = {row.account: row for row in session.scalars(
        select(AccountCheck).where(AccountCheck.run_id == run_id))}
    posts: dict[str, list[FeedPost]] = defaultdict(list)
    for row in session.scalars(select(Post).where(Post.run_id == run_id)):
        posts[row.account].append(FeedPost(title=row.title, text=row.text, link=row.link,
                                           published=china_time(row.published) if row.published else None))
    facts: dict[str, AccountFacts] = {}
    for account in region.accounts:
        check = checks.get(account.name)
        if check is None:
            logger.warning("account %s: no feed outcome in run %s; reported as not checked", account.name, run_id)
            continue
        facts[account.name] = AccountFacts.from_posts(account, _outcome(account, check), posts[account.name], as_of)
    return facts


def _outcome(account: Account, row: AccountCheck) -> AccountItem:
    return AccountItem(account=account.name, platform=account.platform, feed_url=row.feed_url, ok=row.ok,
                       problem=row.problem, post_count=row.post_count,
                       newest=china_time(row.newest) if row.newest else None, checked_at=row.checked_at)


def _rows(accounts: Sequence[Account], findings: Sequence[Finding]) -> list[list[CellValue]]:
    by_name = {account.name: account for account in accounts}
    order = {name: index for index, name in enumerate(by_name)}
    rows: list[list[CellValue]] = []
    for number, finding in enumerate(annex_findings(findings, order, ACCOUNT_PROBLEM_TYPES, "附件2"), start=1):
        account = by_name[finding.subject]
        rows.append([number, account.owner, account.name, account.platform, finding.category,
                     finding.problem_type, described(finding), finding.url, finding.seen, finding.page_count,
                     other_pages(finding), finding.evidence])
    return rows


def _result_rows(accounts: Sequence[Account], scores: Mapping[str, Score],
                 counts: Mapping[str, int]) -> list[list[CellValue]]:
    return [[number, account.name, account.platform, account.owner, account.feed, counts.get(account.name),
             scores[account.name].veto_count, scores[account.name].deduction_count, scores[account.name].score,
             scores[account.name].verdict, incomplete_cell(scores[account.name])]
            for number, account in enumerate(accounts, start=1)]
