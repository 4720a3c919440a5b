"""严重表述错误 — serious wrong expressions in a 政务新媒体 post (单项否决; 附件2).

The engine of rules/serious_wording.py run on the post's title and text (feed text may hold HTML:
tags are removed by normalisation). Abolished body names count only in posts published after
GOVCRAWL_REFORM_DATE (GOVCRAWL_LOCAL_REFORM_DATE for local bodies). The finding's page is the
post's link; its date seen is when the feed was read.

Fails: a post "台湾总统选举结果公布" → "发文出现“台湾总统”，应为“台湾地区领导人”".
Passes: "台湾地区领导人选举结果公布".

Reads: GOVCRAWL_REFORM_DATE, GOVCRAWL_LOCAL_REFORM_DATE, GOVCRAWL_QUOTE_CHARS, GOVCRAWL_WORDING_IGNORE.
"""

from __future__ import annotations

from collections.abc import Iterator

from govcrawl.model.findings import Finding
from govcrawl.model.items import PostItem
from govcrawl.model.rule_conf import RuleConf
from govcrawl.rules import serious_wording

ID = "post_serious_wording"
PROBLEM_TYPE = serious_wording.PROBLEM_TYPE
CATEGORY = serious_wording.CATEGORY
SCOPE = "post"
READS: tuple[str, ...] = serious_wording.READS
ALSO_YIELDS: tuple[str, ...] = serious_wording.ALSO_YIELDS


def check(post: PostItem, conf: RuleConf) -> Iterator[Finding]:
    published = post.published.date() if post.published is not None else None
    yield from serious_wording.findings(post.account, f"{post.title}\n{post.text}", post.link, published,
                                        post.fetched_at.date(), conf, rule=ID, where="发文")
