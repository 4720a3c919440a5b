"""伪造发稿日期 — an article an earlier inspection saw reappears under a newer 发布日期: 旧文新发 (扣分).

An old article put back at the top of a column that had not been updated, under a new date, makes
the column look kept. govcrawl sees it across runs: an earlier run of the region stored the page
with its shown date, this run finds the same article showing a later one. Every condition must hold:

- the same title (the stored title; compared after NFKC, Traditional→Simplified, case, spaces and
  punctuation dropped) of at least GOVCRAWL_REPUBLISH_MIN_TITLE characters: short titles (通知, 公告,
  工作动态) name no single article;
- the title shows one new date in this run (besides the old page itself, which may still be there
  as it was), and the earlier runs saw it under the old date and at most this new one: a title seen
  under a third date is a notice issued again each year (关于做好春节期间安全生产工作的通知), never a
  row; a re-dating an earlier run already saw is still a row while the page shows it (未整改);
- the new date lies after the as_of of the latest earlier run that saw the old one (the page was
  re-dated after that inspection, not merely missed by it), at least GOVCRAWL_REPUBLISH_MIN_DAYS after
  the old date (editors correct a date by days, not months), and not after the day of this run (a
  future date is the backdated rule's row);
- the two pages read alike: their visible text, with every date removed, agrees to at least
  GOVCRAWL_REPUBLISH_MIN_SIMILARITY (0–1, difflib's ratio over the first 3000 characters): the same
  article, not a new one under a reused title.

One row per title, with both dates and both addresses (the same address when it was re-dated in
place). The first run of a region has nothing to compare with and yields nothing.

Fails: "关于开展2025年度农村人居环境整治工作的通知" showing 发布日期 2025-03-10 at the inspection of
2026-08-20, and the same text showing 2026-11-18 now → "《关于开展2025年度农村人居环境整治工作的通知》
在2026-08-20的检查中显示发布日期2025-03-10（URL），本次显示发布日期2026-11-18（URL），旧文新发".
Passes: the same page still showing 2025-03-10; a new date before the earlier as_of; "工作动态"; a
title seen under 2025-01-20 and 2026-01-18 before; a different text under the same title.

Reads: GOVCRAWL_REPUBLISH_MIN_TITLE, GOVCRAWL_REPUBLISH_MIN_DAYS, GOVCRAWL_REPUBLISH_MIN_SIMILARITY.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from difflib import SequenceMatcher

from govcrawl.model.facts import DatedArticle, SiteFacts
from govcrawl.model.findings import DEDUCTION, Finding
from govcrawl.model.rule_conf import RuleConf
from govcrawl.model.text import to_simplified
from govcrawl.rules._site import site_finding

ID = "republished"
PROBLEM_TYPE = "伪造发稿日期"
CATEGORY = DEDUCTION
SCOPE = "site"
READS: tuple[str, ...] = ("GOVCRAWL_REPUBLISH_MIN_TITLE", "GOVCRAWL_REPUBLISH_MIN_DAYS",
                          "GOVCRAWL_REPUBLISH_MIN_SIMILARITY")
ALSO_YIELDS: tuple[str, ...] = ()

#: characters of each text compared: an article's opening settles whether it is the same article,
#: and difflib's cost grows with the product of the lengths
_COMPARED = 3000
_DATE = re.compile(r"\d{2,4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?")


def title_key(title: str) -> str:
    """A title as compared: NFKC, Simplified, lower case, letters and digits only."""
    folded = to_simplified(unicodedata.normalize("NFKC", title)).lower()
    return "".join(ch for ch in folded if ch.isalnum())


def _by_title(articles: Iterable[DatedArticle]) -> dict[str, list[DatedArticle]]:
    groups: dict[str, list[DatedArticle]] = defaultdict(list)
    for article in articles:
        groups[title_key(article.title)].append(article)
    return groups


def similarity(a: str, b: str) -> float:
    """How alike two pages read (difflib's ratio), dates and spaces removed."""
    def body(text: str) -> str:
        return "".join(_DATE.sub("", text[:_COMPARED * 2]).split())[:_COMPARED]
    return SequenceMatcher(None, body(a), body(b), autojunk=False).ratio()


def check(facts: SiteFacts, conf: RuleConf) -> Iterator[Finding]:
    min_title = int(conf["GOVCRAWL_REPUBLISH_MIN_TITLE"])
    min_days = int(conf["GOVCRAWL_REPUBLISH_MIN_DAYS"])
    min_similarity = float(conf["GOVCRAWL_REPUBLISH_MIN_SIMILARITY"])
    earlier = _by_title(facts.earlier_articles)
    for key, now in sorted(_by_title(facts.articles).items()):
        before = earlier.get(key, [])
        if len(key) < min_title or not before:
            continue
        first = min(a.shown for a in before)
        # the latest earlier inspection that still saw it under the old date
        old = max((a for a in before if a.shown == first), key=lambda a: a.seen_on)
        redated = [a for a in now if a.shown != first]  # the old page may still be there, as it was
        if not redated or len({a.shown for a in redated}) > 1:
            continue
        new = redated[0]
        # a third date is a notice issued again; the new date seen before is this re-dating, still there
        if {a.shown for a in before} - {first, new.shown} or new.shown > facts.checked_on:
            continue
        if new.shown <= old.seen_on or (new.shown - old.shown).days < min_days:
            continue
        if similarity(old.text, new.text) < min_similarity:
            continue
        yield site_finding(
            facts, ID, PROBLEM_TYPE, CATEGORY, key=f"旧文新发:{key}", url=new.url,
            description=(f"《{new.title}》在{old.seen_on}的检查中显示发布日期{old.shown}（{old.url}），"
                         f"本次显示发布日期{new.shown}（{new.url}），旧文新发"),
            evidence=f"{old.seen_on}检查：发布日期：{old.shown} {old.url}；本次：发布日期：{new.shown} {new.url}",
            pages=tuple(dict.fromkeys(a.url for a in redated)))
