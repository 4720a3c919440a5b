"""暗链或违规内容 — injected spam on a page (单项否决: one occurrence is enough).

Hacked government pages carry gambling, pornography and pirated-video spam that a reader may
never see. This rule is the one place that judges what extraction reports (the spam judgement
itself is rules/_spam.py, against the one vocabulary lexicons/spam.txt). A page fails on:

- a hidden block (extract/hidden.py: CSS display:none / visibility:hidden inline or in a <style>
  rule, off-screen, text-indent, zero or tiny size, font-size:0, a tiny marquee) whose text and link
  anchors are spam, or that hides links to other hosts by a *trick* (anything but display:none,
  visibility:hidden and the hidden attribute, which legitimate menus and tabs use);
- links or text an inline script writes (document.write, innerHTML) that are spam, or hidden;
- a <title>, meta keywords or meta description that is spam (标题劫持), whatever the body says;
- a meta refresh or a script that sends the reader to a host outside the site that is no
  government host (not under .gov.cn / .gov);
- visible links to other hosts whose anchor (with the host) is spam, and, on a page without any
  of the above, visible lines of text that are spam.

One injection, one row: all injected links of one technique on a page make one finding whose key
is the technique and the first host (or the first words), so that the same injection repeated on
every page of a hacked template merges (dedup) into one row that counts the pages. 问题描述 names
the technique and the count of links; 证据 quotes the first anchors and hosts. The links are
evidence, never requests: ``evidence_links`` tells the spider which links not to request or check.

Fails: <div style="display:none"><a href="http://bet.invalid/">百家乐 真人娱乐</a></div>
→ "页面被植入隐藏链接1条（display:none）"; a <title> "国产精品一区二区,中文字幕在线观看,www.x.com".
Passes: a hidden drop-down menu with 办证指南 or 金沙县概况, a hidden tab "严厉打击赌博、高利贷",
a collapsed 友情链接 list of other government sites (display:none), "公安机关严厉打击六合彩、百家乐".

Reads: GOVCRAWL_SPAM_SCORE, GOVCRAWL_QUOTE_CHARS.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from govcrawl.crawl.urls import host_of, is_government_host
from govcrawl.extract.page import PageFacts
from govcrawl.model.findings import VETO, Finding
from govcrawl.model.items import PageItem
from govcrawl.model.rule_conf import RuleConf
from govcrawl.rules._spam import SpamVerdict, holds_spam_terms, judge

ID = "hidden_content"
PROBLEM_TYPE = "暗链或违规内容"
CATEGORY = VETO
SCOPE = "page"
READS: tuple[str, ...] = ("GOVCRAWL_SPAM_SCORE", "GOVCRAWL_QUOTE_CHARS")
ALSO_YIELDS: tuple[str, ...] = ()

_HEAD_NAMES = {"title": "标题", "keywords": "关键词", "description": "描述"}
_QUOTED = 3  # anchors and hosts the evidence quotes


@dataclass(frozen=True)
class Injection:
    """One injection on one page: its kind (hidden, script, head, redirect, anchor, text), the
    technique, the texts it shows (anchors, the hijacked title) and the links it carries."""

    kind: str
    technique: str
    texts: tuple[str, ...]
    links: tuple[str, ...]


def _block_verdict(text: str, anchors: tuple[str, ...], threshold: int) -> SpamVerdict:
    # anchors of a link list read as the comma-separated run of phrases they are
    return judge(f"{text}\n{','.join(anchors)}", threshold)


def injections(facts: PageFacts, threshold: int) -> list[Injection]:
    """Every injection of one page, links of one technique grouped (see the module docstring)."""
    found = _marked_injections(facts, threshold)
    if not found and holds_spam_terms(facts.text):  # spam text beside an injection is that injection's
        lines = [line for line in facts.text.split("\n") if line.strip() and judge(line, threshold).spam]
        if lines:
            found.append(Injection("text", "正文", tuple(lines), ()))
    return found


def _marked_injections(facts: PageFacts, threshold: int) -> list[Injection]:
    """The injections the markup gives away (hidden or script-written blocks, a hijacked head, a
    redirect away, spam anchors): all that can carry links."""
    grouped: dict[tuple[str, str], tuple[list[str], list[str]]] = {}
    for block in facts.hidden:
        verdict = _block_verdict(block.text, block.anchors, threshold)
        if not (verdict.spam or (block.trick and block.links)):
            continue
        kind = "script" if block.technique in ("document.write", "innerHTML") else "hidden"
        texts, links = grouped.setdefault((kind, block.technique), ([], []))
        texts.extend(block.anchors or (block.text,))
        links.extend(block.links)
    found = [Injection(kind, technique, tuple(dict.fromkeys(t)), tuple(dict.fromkeys(u)))
             for (kind, technique), (t, u) in grouped.items()]
    hijacked = [(name, text) for name, text in facts.head if judge(text, threshold).spam]
    if hijacked:
        found.append(Injection("head", "+".join(_HEAD_NAMES[n] for n, _ in hijacked),
                               tuple(t for _, t in hijacked), ()))
    away = [url for url in facts.redirects if not is_government_host(host_of(url))]
    if away:
        found.append(Injection("redirect", "跳转", (), tuple(away)))
    hidden_links = {u for block in facts.hidden for u in block.links}
    spam_links = [(link.anchor, link.url) for link in facts.links
                  if link.kind == "external" and link.url not in hidden_links
                  and judge(f"{link.anchor} {host_of(link.url)}", threshold).spam]
    if spam_links:
        found.append(Injection("anchor", "外链", tuple(a for a, _ in spam_links), tuple(u for _, u in spam_links)))
    return found


def evidence_links(facts: PageFacts, threshold: int) -> frozenset[str]:
    """The links of a page that are evidence of an injection: the crawl never requests them."""
    return frozenset(url for injection in _marked_injections(facts, threshold) for url in injection.links)


def _clip(text: str, size: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= size else text[: size - 1] + "…"


def _hosts(links: tuple[str, ...]) -> list[str]:
    return list(dict.fromkeys(host_of(u) for u in links))


def _describe(injection: Injection, limit: int) -> tuple[str, str, str]:
    """(问题描述, 证据, key) of one injection."""
    hosts = _hosts(injection.links)
    quoted = "、".join(_clip(t, 20) for t in injection.texts[:_QUOTED])
    evidence = quoted + (f" → {'、'.join(hosts[:_QUOTED])}" if hosts else "")
    first = hosts[0] if hosts else _clip(injection.texts[0], 30) if injection.texts else ""
    key = f"{injection.kind}:{injection.technique}:{first}"
    count = len(injection.links)
    if injection.kind in ("hidden", "script"):
        how = "被脚本写入" if injection.kind == "script" else "被植入隐藏"
        what = f"链接{count}条" if count else "违规内容"
        return f"页面{how}{what}（{injection.technique}）", _clip(evidence, limit), key
    if injection.kind == "head":
        return f"页面{injection.technique}被篡改为违规内容（标题劫持）", _clip(evidence, limit), key
    if injection.kind == "redirect":
        return f"页面自动跳转至外部网站{hosts[0]}（跳转劫持）", _clip(evidence, limit), key
    if injection.kind == "anchor":
        return f"页面含指向违规内容外部网站的链接{count}条", _clip(evidence, limit), key
    return "页面正文含违规内容", _clip(quoted, limit), key


def check(item: PageItem, conf: RuleConf) -> Iterator[Finding]:
    limit = conf["GOVCRAWL_QUOTE_CHARS"]
    for injection in injections(item.facts, conf["GOVCRAWL_SPAM_SCORE"]):
        description, evidence, key = _describe(injection, limit)
        yield Finding(subject=item.site, problem_type=PROBLEM_TYPE, category=CATEGORY, key=key,
                      description=description, url=item.url, evidence=evidence, seen=item.fetched_at.date(),
                      rule=ID, pages=(item.url,))
