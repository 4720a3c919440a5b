"""错别字 — ordinary typos in a 政务新媒体 post (扣分; 附件2).

The engine of rules/typos.py run on the post's title and text (feed text may hold HTML: tags are
removed by normalisation). The finding's page is the post's link; its date seen is when the feed
was read.

Fails: a post "再接再励，推动工作" → "错别字“再接再励”应为“再接再厉”".
Passes: "再接再厉，推动工作".

Reads: GOVCRAWL_QUOTE_CHARS, GOVCRAWL_WORDING_IGNORE.
"""

from __future__ import annotations

from collections.abc import Iterator

from govcrawl.model.findings import Finding
from govcrawl.model.items import PostItem
from govcrawl.model.rule_conf import RuleConf
from govcrawl.rules import typos

ID = "post_typos"
PROBLEM_TYPE = typos.PROBLEM_TYPE
CATEGORY = typos.CATEGORY
SCOPE = "post"
READS: tuple[str, ...] = typos.READS
ALSO_YIELDS: tuple[str, ...] = typos.ALSO_YIELDS


def check(post: PostItem, conf: RuleConf) -> Iterator[Finding]:
    published = post.published.date() if post.published is not None else None
    yield from typos.findings(post.account, f"{post.title}\n{post.text}", post.link, published,
                              post.fetched_at.date(), conf, rule=ID)
