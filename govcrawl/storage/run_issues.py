"""Parts of a run's check that could not be completed, per subject (site code or account name).

Two kinds. Recorded ones (``record_issues``): the rules pipeline records page rules that raised, the
annex extension a crawl that did not finish, the annex step a lost worker. Ones the stored facts
show (``fact_issues``): pages that needed a browser none rendered, links a network fault left
unconfirmed. The annex reads both back with
the site rules' own failures, so ``scrapy annex`` run later still knows the check was incomplete.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import Engine, delete, func, select
from sqlalchemy.orm import Session

from govcrawl.crawl.linkcheck import UNCHECKED
from govcrawl.crawl.netfault import incomplete_link_checks
from govcrawl.storage.models import Link, Page, RunIssue

__all__ = ["EVERY_SUBJECT", "clear_issues", "fact_issues", "load_issues", "record_issues"]

#: the subject of an issue that concerns every subject of the run (a crawl that did not finish)
EVERY_SUBJECT = "*"


def record_issues(engine: Engine, run_id: int, issues: Iterable[tuple[str, str]]) -> None:
    """Store (subject, reason) pairs of a run; a pair already stored is not stored twice."""
    wanted = set(issues)
    if not wanted:
        return
    with Session(engine) as session, session.begin():
        stored = {(subject, reason) for subject, reason in session.execute(
            select(RunIssue.subject, RunIssue.reason).where(RunIssue.run_id == run_id))}
        session.add_all(RunIssue(run_id=run_id, subject=subject, reason=reason)
                        for subject, reason in sorted(wanted - stored))


def load_issues(session: Session, run_id: int) -> dict[str, list[str]]:
    """``{subject: [reason, …]}`` of a run, in the order they were recorded."""
    issues: dict[str, list[str]] = defaultdict(list)
    for subject, reason in session.execute(select(RunIssue.subject, RunIssue.reason)
                                           .where(RunIssue.run_id == run_id).order_by(RunIssue.id)):
        issues[subject].append(reason)
    return dict(issues)


def clear_issues(engine: Engine, run_id: int, subject: str) -> None:
    """Forget a subject's issues (a run resumed and finished is no longer interrupted)."""
    with Session(engine) as session, session.begin():
        session.execute(delete(RunIssue).where(RunIssue.run_id == run_id, RunIssue.subject == subject))


def fact_issues(session: Session, run_id: int) -> dict[str, list[str]]:
    """``{subject: [reason, …]}`` that the run's stored facts show: a site with pages that needed the
    browser and were judged without it (no Chromium, no scrapy-playwright, GOVCRAWL_RENDER never),
    whose columns on those pages were never judged; a site whose links failed by a network fault the
    canary could not confirm (crawl/netfault.py), whose 不可用链接 count may be short."""
    issues: dict[str, list[str]] = defaultdict(list)
    unrendered = session.execute(select(Page.site, func.count()).where(Page.run_id == run_id, Page.needs_rendering)
                                 .group_by(Page.site))
    for site, count in unrendered:
        issues[site].append(f"{count}个页面需浏览器渲染而未渲染")
    unchecked = session.execute(select(Link.site, Link.verdict, Link.error).where(
        Link.run_id == run_id, Link.verdict == UNCHECKED)).all()
    for site, reason in incomplete_link_checks(unchecked).items():
        issues[site].append(f"链接检查未完成，{reason}")
    return dict(issues)
