"""Which link is an online consultation channel (互动回应差): read from the anchor text alone.

A site must offer a consultation channel (领导信箱, 在线咨询, 留言板 …); 信访 and 纪检举报 channels
do not count. The test runs over the links stored with each page, after the crawl, so it lives here
with the other facts every stage shares: storage aggregates with it and extraction reads the same
words when it judges a mailbox heading.
"""

from __future__ import annotations

from govcrawl.model.text import to_simplified

__all__ = ["CONSULTATION_WORDS", "EXCLUDED_WORDS", "is_consultation_anchor"]

CONSULTATION_WORDS: tuple[str, ...] = (
    "在线咨询", "我要咨询", "网上咨询", "咨询投诉", "咨询留言", "领导信箱", "书记信箱", "市长信箱",
    "县长信箱", "区长信箱", "省长信箱", "州长信箱", "旗长信箱", "镇长信箱", "局长信箱", "主任信箱",
    "厅长信箱", "政民互动", "留言板", "留言咨询", "网上留言", "我要留言", "互动交流", "民意征集",
    "12345", "政务咨询", "咨询服务", "在线留言", "民生热线", "网民留言", "公众留言",
)
EXCLUDED_WORDS: tuple[str, ...] = ("信访", "纪检", "监察", "举报", "纪委", "巡视", "巡察")

_ANCHOR_MAX = 20  # a longer anchor is a headline that mentions a channel, not the channel's link


def is_consultation_anchor(anchor: str) -> bool:
    """True when a link's anchor names an online consultation channel; 信访/纪检/举报 channels are
    excluded. Anchors in Traditional characters (領導信箱, 線上諮詢) count as well."""
    if not anchor or len(anchor) > _ANCHOR_MAX:
        return False
    simplified = to_simplified(anchor)
    if any(word in simplified for word in EXCLUDED_WORDS):
        return False
    return any(word in simplified for word in CONSULTATION_WORDS)
