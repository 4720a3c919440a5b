"""The draft 通报 as text: what it says, built from one inspection's stored results (pure).

It follows the shape of real circulars (许昌 2020Q1, 青海 2020Q3, 重庆 2023Q2, 韶关 2020Q1): a title
with the quarter; a preamble naming 国办秘函〔2019〕19号 (and the office's own document, the region
file's ``basis``); 一、总体情况 with the counts, the check ratio and each 合格率; 二、主要问题 grouped
by 问题类型, naming the units and how many; the 整改 comparison with the previous inspection; the
ranking by score band; 三、工作要求 (the region file's ``requirements``, a default text otherwise);
and the 附件 list naming both workbooks. govcrawl.annex.circular_docx lays it out in Word.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from govcrawl.annex.base import pass_rate, percent
from govcrawl.annex.rectify import FIXED, NEW, REPEAT_AFTER, UNFIXED, Followup, repeat_offenders, status_counts
from govcrawl.annex.scoring import FAIL, PASS, Score
from govcrawl.model.findings import Finding

__all__ = ["BANDS", "Circular", "Paragraph", "Part", "circular", "numeral", "quarter"]

NUMERALS = "一二三四五六七八九十"
#: score bands of the ranking, highest first: (lower bound, label)
BANDS = ((100.0, "100分及以上"), (90.0, "90—100分"), (80.0, "80—90分"), (60.0, "60—80分"), (0.0, "60分以下"))
DEFAULT_REQUIREMENTS = (
    "（一）抓紧整改。各单位要对照附件所列问题逐项整改，整改情况于通报印发之日起15个工作日内报送。",
    "（二）健全机制。各单位要落实网站和政务新媒体日常监测、内容更新和值班读网制度，确保信息发布及时准确。",
    "（三）强化问责。对连续两次检查存在同类问题未整改的单位，将视情予以约谈或通报批评。",
)
#: the heading of a part's problems under 二、主要问题
PART_TITLES = {"网站": "政府网站", "政务新媒体账号": "政务新媒体"}
STATE_BASIS = ("《国务院办公厅秘书局关于印发〈政府网站与政务新媒体检查指标〉、〈政府网站与政务新媒体监管工作年度"
               "考核指标〉的通知》（国办秘函〔2019〕19号）")


@dataclass(frozen=True)
class Unit:
    key: str
    name: str


@dataclass(frozen=True)
class Part:
    """One annex's inspection: 网站 (附件1) or 政务新媒体账号 (附件2)."""

    unit: str                          # 网站 | 政务新媒体账号
    annex: str                         # the workbook's file name
    units: tuple[Unit, ...]            # the region file's order
    scores: tuple[Score, ...]          # same order
    findings: tuple[Finding, ...]      # the annex's rows
    vocabulary: tuple[str, ...]        # its 问题类型, in the order the 通报 groups them
    followups: tuple[Followup, ...]    # empty: no previous inspection
    previous: date | None
    rates: tuple[tuple[date, float | None], ...]   # 合格率 of every inspection up to this one

    @property
    def names(self) -> dict[str, str]:
        return {u.key: u.name for u in self.units}


@dataclass(frozen=True)
class Paragraph:
    """One paragraph: ``style`` is title | heading | body | chart (where the chart goes)."""

    style: str
    text: str


@dataclass(frozen=True)
class Circular:
    title: str
    as_of: date
    paragraphs: tuple[Paragraph, ...]


def numeral(n: int) -> str:
    """``n`` (1–99) in Chinese numerals: 1 一, 10 十, 12 十二, 20 二十, 23 二十三."""
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else "十" if tens == 1 else NUMERALS[tens - 1] + "十"
    return head + (NUMERALS[ones - 1] if ones else "")


def quarter(as_of: date) -> str:
    return f"{as_of.year}年第{numeral((as_of.month - 1) // 3 + 1)}季度"


def _ratio(part: Part) -> str:
    judged = sum(s.verdict in (PASS, FAIL) for s in part.scores)
    return f"{judged / len(part.scores):.0%}" if part.scores else "—"


def _overall(part: Part, region_name: str) -> str:
    judged = [s for s in part.scores if s.verdict in (PASS, FAIL)]
    passed = sum(s.verdict == PASS for s in judged)
    text = (f"共检查全{region_name}{part.unit}{len(judged)}个，检查比例{_ratio(part)}，合格{passed}个，"
            f"不合格{len(judged) - passed}个，合格率{percent(pass_rate(part.scores))}。")
    names = part.names
    clean = [names[s.subject] for s in part.scores if s.verdict == PASS and s.veto_count + s.deduction_count == 0]
    if clean:
        text += f"{'、'.join(clean)}未发现问题，表现较好。"
    return text


def _problems(part: Part) -> list[str]:
    """One sentence per 问题类型 (in the annex's order): the units with their counts."""
    names = part.names
    by_type: dict[str, Counter[str]] = defaultdict(Counter)
    for finding in part.findings:
        by_type[finding.problem_type][finding.subject] += 1
    sentences = []
    for kind in sorted(by_type, key=part.vocabulary.index):
        counts = by_type[kind]
        units = "、".join(f"{names[key]}（{count}处）" for key, count in counts.items())
        sentences.append(f"{kind}。{units}，共{len(counts)}个{part.unit}{sum(counts.values())}处。")
    return sentences


def _rectification(part: Part) -> str:
    if part.previous is None:
        return f"{part.unit}：无上次检查记录，本次不作整改对比。"
    counts = status_counts(part.followups)
    names = part.names
    unfixed = Counter(f.finding.subject for f in part.followups if f.status == UNFIXED)
    earlier = counts[UNFIXED] + counts[FIXED]
    text = (f"{part.unit}：与上次检查（{part.previous.isoformat()}）相比，上次发现的问题{earlier}个中"
            f"已整改{counts[FIXED]}个、未整改{counts[UNFIXED]}个，本次新发现问题{counts[NEW]}个。")
    if unfixed:
        text += "存在未整改问题的单位：" + "、".join(f"{names[k]}（{n}个）" for k, n in unfixed.items()) + "。"
    repeat = [names[key] for key in repeat_offenders(part.followups)]
    if repeat:
        text += f"连续{REPEAT_AFTER}次检查未整改的单位：{'、'.join(repeat)}。"
    return text


def _bands(part: Part) -> str:
    """The units by score band, highest first; a vetoed unit is ranked by its score and marked."""
    names = part.names
    scored = sorted((s for s in part.scores if s.score is not None), key=lambda s: -(s.score or 0.0))
    pieces = []
    upper = None
    for lower, label in BANDS:
        members = [names[s.subject] + ("（单项否决）" if s.veto_count else "") for s in scored
                   if s.score is not None and s.score >= lower and (upper is None or s.score < upper)]
        upper = lower
        if members:
            pieces.append(f"{label}（{len(members)}个）：{'、'.join(members)}")
    return f"{part.unit}：" + ("；".join(pieces) if pieces else "无得分") + "。"


def circular(region_name: str, as_of: date, parts: Sequence[Part], basis: str = "",
             requirements: str = "") -> Circular:
    """The draft 通报 of ``region_name``'s inspection on ``as_of`` over ``parts``."""
    title = f"关于{quarter(as_of)}全{region_name}政府网站和政务新媒体检查情况的通报"
    local = f"和{basis}" if basis else ""
    paragraphs = [Paragraph("title", title), Paragraph("body", (
        f"根据{STATE_BASIS}{local}要求，{as_of.year}年{as_of.month}月{as_of.day}日对全{region_name}政府网站和"
        f"政务新媒体开展了{quarter(as_of)}检查。现将有关情况通报如下："))]
    paragraphs.append(Paragraph("heading", "一、总体情况"))
    paragraphs += [Paragraph("body", _overall(part, region_name)) for part in parts]
    paragraphs.append(Paragraph("chart", "图1 合格率变化及问题类型分布"))
    paragraphs.append(Paragraph("heading", "二、主要问题"))
    section = 0
    for part in parts:
        section += 1
        paragraphs.append(Paragraph("heading", f"（{numeral(section)}）{PART_TITLES.get(part.unit, part.unit)}"))
        sentences = _problems(part)
        paragraphs += [Paragraph("body", f"{i}. {s}") for i, s in enumerate(sentences, start=1)] or \
            [Paragraph("body", "本次检查未发现问题。")]
    paragraphs.append(Paragraph("body", "具体问题见附件1、附件2。"))
    paragraphs.append(Paragraph("heading", f"（{numeral(section + 1)}）整改情况"))
    paragraphs += [Paragraph("body", _rectification(part)) for part in parts]
    paragraphs.append(Paragraph("heading", f"（{numeral(section + 2)}）得分情况"))
    paragraphs += [Paragraph("body", _bands(part)) for part in parts]
    paragraphs.append(Paragraph("heading", "三、工作要求"))
    lines = [line.strip() for line in requirements.splitlines() if line.strip()] or list(DEFAULT_REQUIREMENTS)
    paragraphs += [Paragraph("body", line) for line in lines]
    paragraphs.append(Paragraph("body", "附件：" + "；".join(f"{i}. {p.annex}" for i, p in enumerate(parts, 1))))
    return Circular(title, as_of, tuple(paragraphs))
