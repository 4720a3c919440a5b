"""The value object every rule yields and every later stage (dedup, store, export) passes on."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

VETO = "单项否决"
DEDUCTION = "扣分"

#: 问题类型 vocabulary of 附件1 (DESIGN.md); the annex refuses anything else.
SITE_PROBLEM_TYPES = (
    "站点无法访问", "首页不更新", "栏目不更新", "空白栏目", "严重表述错误", "错别字",
    "暗链或违规内容", "不可用链接", "网站标识缺失", "办事指南要素缺失", "互动回应差", "元数据缺失",
    "找错入口缺失", "域名不规范", "伪造发稿日期", "年度报告未按时发布", "搜索功能缺失", "适老化与无障碍",
    "未支持IPv6", "未启用HTTPS",
)
#: 问题类型 vocabulary of 附件2.
ACCOUNT_PROBLEM_TYPES = ("账号无法访问", "内容不更新", "严重表述错误", "错别字", "互动回应差")


@dataclass(frozen=True)
class Finding:
    """One problem of one site or account, with its evidence.

    ``subject`` is the site's 网站标识码 (附件1) or the account's name (附件2); ``key`` tells two
    findings of the same type apart (the broken URL, the wrong phrase, the column URL), so that
    dedup merges the same problem seen on many pages into one row.
    """

    subject: str
    problem_type: str
    category: str
    key: str
    description: str
    url: str
    evidence: str
    seen: date
    rule: str
    pages: tuple[str, ...] = ()
    page_count: int = 1
    points: float = 0.0
    screenshot: str = ""
    note: str = ""
    extra: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    @property
    def dedup_key(self) -> tuple[str, str, str]:
        return (self.subject, self.problem_type, self.key)

    @property
    def is_veto(self) -> bool:
        return self.category == VETO
