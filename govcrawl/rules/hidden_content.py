"""暗链或违规内容 — hidden links and injected spam on a page (单项否决: one occurrence is enough).

Hacked government pages carry gambling, pornography and pirated-video spam that a reader may
never see. A page fails on any of:

- hidden content extraction found (PageFacts.hidden: blocks hidden by CSS, off-screen, zero-size,
  tiny marquees, links written by scripts, that hold spam vocabulary or link to other hosts) —
  the row quotes the hidden text and its target;
- a link to another host whose anchor (or address) holds spam vocabulary: one ``strong`` term of
  lexicons/spam.txt (百家乐, 真人娱乐) or GOVCRAWL_SPAM_ANCHOR_TERMS distinct terms;
- a page title with one strong term or GOVCRAWL_SPAM_TITLE_TERMS distinct terms;
- a keyword block in the visible text: GOVCRAWL_SPAM_BLOCK_TERMS distinct spam terms within
  GOVCRAWL_SPAM_BLOCK_SPAN characters.

Precision: one spam word in a legitimate article is not a finding, and no block, title or anchor
that holds a ``guard`` word of legitimate reporting (打击, 查处, 非法, 专项行动 …) in the same
sentence is one: a notice on 打击“六合彩”“百家乐”等非法赌博 passes. A block or link already
reported as hidden content is not reported again.

Fails: <div style="display:none"><a href="http://bet.example/">百家乐 真人娱乐</a></div>;
a title "澳门新葡京娱乐城"; "百家乐 六合彩 体育投注 在线观看" in a footer.
Passes: "公安机关严厉打击六合彩、百家乐等赌博违法犯罪"; a 棋牌室 in a community news story.

Reads GOVCRAWL_QUOTE_CHARS, GOVCRAWL_SPAM_BLOCK_TERMS, GOVCRAWL_SPAM_BLOCK_SPAN,
GOVCRAWL_SPAM_ANCHOR_TERMS, GOVCRAWL_SPAM_TITLE_TERMS.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from govcrawl.findings import VETO, Finding
from govcrawl.items import PageItem
from govcrawl.rules.base import RuleConf
from govcrawl.rules.lexicon import Hit, scan
from govcrawl.text import normalise, sentence_around, sentence_bounds

ID = "hidden_content"
PROBLEM_TYPE = "暗链或违规内容"
CATEGORY = VETO
SCOPE = "page"
READS: tuple[str, ...] = ("GOVCRAWL_QUOTE_CHARS", "GOVCRAWL_SPAM_BLOCK_TERMS", "GOVCRAWL_SPAM_BLOCK_SPAN",
                          "GOVCRAWL_SPAM_ANCHOR_TERMS", "GOVCRAWL_SPAM_TITLE_TERMS")


def _spam_hits(text: str, limit: int) -> list[Hit]:
    return [h for h in scan(text, quote_limit=limit) if h.kind == "spam"]


def _terms(hits: Sequence[Hit]) -> list[str]:
    return list(dict.fromkeys(h.wrong for h in hits if h.right != "guard"))


def _is_spam(hits: Sequence[Hit], min_terms: int) -> bool:
    """Spam unless a guard word stands among the hits: a strong term, or ``min_terms`` distinct terms."""
    if any(h.right == "guard" for h in hits):
        return False
    return any(h.right == "strong" for h in hits) or len(_terms(hits)) >= min_terms


def _clip(text: str, size: int = 30) -> str:
    text = " ".join(text.split())
    return text if len(text) <= size else text[: size - 1] + "…"


def _finding(item: PageItem, key: str, description: str, evidence: str) -> Finding:
    return Finding(subject=item.site, problem_type=PROBLEM_TYPE, category=CATEGORY, key=key,
                   description=description, url=item.url, evidence=evidence, seen=item.fetched_at.date(),
                   rule=ID, pages=(item.url,))


def _blocks(text: str, conf: RuleConf) -> Iterator[tuple[list[str], str, str]]:
    """(terms, key, quote) of each spam keyword block of ``text``."""
    limit, span, needed = (conf["GOVCRAWL_QUOTE_CHARS"], conf["GOVCRAWL_SPAM_BLOCK_SPAN"],
                           conf["GOVCRAWL_SPAM_BLOCK_TERMS"])
    hits = _spam_hits(text, limit)
    terms = [h for h in hits if h.right != "guard"]
    guards = [h for h in hits if h.right == "guard"]
    norm = normalise(text)
    i = 0
    while i < len(terms):
        j = i
        while j + 1 < len(terms) and terms[j + 1].end - terms[i].start <= span:
            j += 1
        window = terms[i:j + 1]
        if len(_terms(window)) >= needed:
            start, end = window[0].start, window[-1].end
            left, right = sentence_bounds(norm, start, end)
            if not any(left <= g.start and g.end <= right for g in guards):
                yield _terms(window), norm.text[start:end][:40], sentence_around(norm, start, end, limit)
            i = j + 1
        else:
            i += 1


def check(item: PageItem, conf: RuleConf) -> Iterator[Finding]:
    facts = item.facts
    limit = conf["GOVCRAWL_QUOTE_CHARS"]
    reported_terms: set[str] = set()
    hidden_texts = [normalise(h.text).text for h in facts.hidden]
    for hidden in facts.hidden:
        reported_terms.update(_terms(_spam_hits(hidden.text, limit)))
        target = f"，指向{hidden.href}" if hidden.href else ""
        what = "链接" if hidden.href else "内容"
        yield _finding(item, hidden.href or _clip(hidden.text, 40),
                       f"页面存在隐藏{what}“{_clip(hidden.text)}”{target}（{hidden.reason}）",
                       _clip(hidden.text, 40) + (f" → {hidden.href}" if hidden.href else ""))
    for terms, key, quote in _blocks(facts.text, conf):
        if not set(terms) <= reported_terms:
            yield _finding(item, key, f"页面正文含违规关键词堆砌：{'、'.join(terms[:6])}", quote)
    title_hits = _spam_hits(facts.title, limit)
    if title_hits and _is_spam(title_hits, conf["GOVCRAWL_SPAM_TITLE_TERMS"]):
        named = "、".join(_terms(title_hits))
        yield _finding(item, facts.title, f"页面标题含违规内容“{_clip(facts.title)}”（{named}）",
                       _clip(facts.title, limit))
    for link in facts.links:
        if link.kind != "external":
            continue
        anchor = normalise(link.anchor).text
        if anchor and any(anchor in text for text in hidden_texts):
            continue  # links of a hidden block were reported with it
        anchor_hits = _spam_hits(f"{link.anchor}\n{link.url}", limit)
        if anchor_hits and _is_spam(anchor_hits, conf["GOVCRAWL_SPAM_ANCHOR_TERMS"]):
            yield _finding(item, link.url, f"页面链接“{_clip(link.anchor)}”指向含违规内容的外部网站{link.url}",
                           f"{_clip(link.anchor, 30)} → {link.url}")
