"""严重表述错误 — serious wrong expressions on a page (单项否决: one occurrence is enough).

Checks the page title and visible text (normalised: 繁體 → 简体, full-width folded, tags and
whitespace between characters removed) for:

- misspelt names of Party and state leaders next to their titles (习进平总书记, 国家主席习近乎:
  one character off, same pinyin or similar shape; rules/_leaders.py);
- wrong names of the state and its organs (中华人民共合国, 中国人民政治协商委员会) and wrong terms
  about Taiwan, Hong Kong and Macao (台湾总统, 两岸三地, 中华民国 used for the present) —
  lexicons/serious.txt, whose contexts let history pass (中华民国时期, 中华民国二十六年);
- names of bodies abolished in the 2018 reform used as current (国家工商行政管理总局) on a page
  published after GOVCRAWL_REFORM_DATE — lexicons/abolished.txt; local bodies (卫生和计划生育委员会,
  安全生产监督管理局, 环保局 …) are found with or without their place prefix (许昌市…, XX县…) and
  are wrong after GOVCRAWL_LOCAL_REFORM_DATE (local reforms ended later). A page without a publish
  date is not judged (an archived page may be old), nor is a historical mention: the name right
  after 原 (or after 原 and its place: 原许昌市卫生和计划生育委员会),
  inside 《…》, in a sentence that cites a document number (令第, 〔…〕) or a year up to the
  reform's, or that speaks of the reform or of a career (撤销, 组建, 曾任, 时任 …).

One row per distinct wrong phrase per page (dedup merges the same phrase over many pages); the
evidence is the sentence around it (at most GOVCRAWL_QUOTE_CHARS characters). ``findings`` is the
engine: rules/post_serious_wording.py runs it on 政务新媒体 posts.

Fails: "国家主席习进平出席会议" → "页面出现“国家主席习进平”，应为“国家主席习近平”";
"台湾总统…" on any page; "国家卫生计生委要求…" on a page published 2020-05-01.
Passes: "国家主席习近平", "中华民国时期的老建筑", "原国家工商总局", the same abolished name on a
page published 2017-06-01.

Reads: GOVCRAWL_REFORM_DATE, GOVCRAWL_LOCAL_REFORM_DATE, GOVCRAWL_QUOTE_CHARS, GOVCRAWL_WORDING_IGNORE.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from govcrawl.model.findings import VETO, Finding
from govcrawl.model.items import PageItem
from govcrawl.model.rule_conf import RuleConf
from govcrawl.model.text import Normalised, normalise, sentence_bounds
from govcrawl.rules._lexicon import Hit, distinct, scan

ID = "serious_wording"
PROBLEM_TYPE = "严重表述错误"
CATEGORY = VETO
SCOPE = "page"
READS: tuple[str, ...] = ("GOVCRAWL_REFORM_DATE", "GOVCRAWL_LOCAL_REFORM_DATE", "GOVCRAWL_QUOTE_CHARS",
                          "GOVCRAWL_WORDING_IGNORE")
ALSO_YIELDS: tuple[str, ...] = ()

# Words of a sentence that speaks of an abolished body historically: the reform itself, a career,
# a former office.
_HISTORY_WORDS = ("撤销", "不再保留", "组建", "机构改革", "整合", "划入", "并入", "更名", "改为", "前身",
                  "曾任", "历任", "时任", "曾在", "原任", "退休", "令第")
# "原" before the name, or before the place that prefixes it: 原许昌市卫生和计划生育委员会, 原XX县安监局.
_FORMER = re.compile(r"原(?:[\u4e00-\u9fffa-z0-9]{0,12}?(?:省|市|县|区|州|盟|旗|镇|乡|自治区))?$")
_PREFIX_WINDOW = 16
_LOCAL_NOTE = "地方机构改革"
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_DOC_NUMBER = re.compile(r"[〔\[]\s*(?:19|20)\d{2}\s*[〕\]]")


def _historical(norm: Normalised, hit: Hit, reform: date) -> bool:
    """True when the abolished name at ``hit`` is mentioned as history, not used as current."""
    text = norm.text
    if _FORMER.search(text[max(0, hit.start - _PREFIX_WINDOW):hit.start]):
        return True
    left, right = sentence_bounds(norm, hit.start, hit.end)
    sentence, before = text[left:right], text[left:hit.start]
    if before.rfind("《") > before.rfind("》"):  # inside a document's title
        return True
    if any(word in sentence for word in _HISTORY_WORDS) or _DOC_NUMBER.search(sentence):
        return True
    return any(int(year) <= reform.year for year in _YEAR.findall(sentence))


def _as_date(value: date | str) -> date:
    # a region file's TOML may give the date as a date, settings give a string
    return value if isinstance(value, date) else date.fromisoformat(value)


def _reform_date(hit: Hit, conf: RuleConf) -> date:
    """The date after which ``hit``'s name is wrong: local bodies went in the local reforms."""
    key = "GOVCRAWL_LOCAL_REFORM_DATE" if _LOCAL_NOTE in hit.note else "GOVCRAWL_REFORM_DATE"
    return _as_date(conf[key])


def _reported(hit: Hit, norm: Normalised, published: date | None, conf: RuleConf) -> bool:
    if hit.kind in ("serious", "leader"):
        return True
    if hit.kind == "abolished":
        reform = _reform_date(hit, conf)
        return published is not None and published > reform and not _historical(norm, hit, reform)
    return False


def _description(hit: Hit, where: str, published: date | None) -> str:
    if hit.kind == "abolished":
        return (f"{where}（发布于{published}）将已撤销机构名称“{hit.wrong}”作为现行名称使用，"
                f"应为“{hit.right}”")
    return f"{where}出现“{hit.wrong}”，应为“{hit.right}”"


def findings(subject: str, text: str, url: str, published: date | None, seen: date, conf: RuleConf, *,
             rule: str = ID, where: str = "页面") -> Iterator[Finding]:
    """The 严重表述错误 findings of one text (a page's or a post's): ``subject`` is the site code or
    the account name, ``published`` the text's own date (None when unknown), ``where`` the word
    the description starts with (页面, 发文)."""
    norm = normalise(text)
    hits = [h for h in scan(text, quote_limit=conf["GOVCRAWL_QUOTE_CHARS"])
            if _reported(h, norm, published, conf)]
    for hit in distinct(hits, conf["GOVCRAWL_WORDING_IGNORE"]):
        yield Finding(
            subject=subject, problem_type=PROBLEM_TYPE, category=CATEGORY, key=hit.wrong,
            description=_description(hit, where, published), url=url, evidence=hit.quote, seen=seen,
            rule=rule, pages=(url,), note=hit.note,
        )


def check(item: PageItem, conf: RuleConf) -> Iterator[Finding]:
    facts = item.facts
    yield from findings(item.site, f"{facts.title}\n{facts.text}", item.url, facts.publish_date.date,
                        item.fetched_at.date(), conf)
