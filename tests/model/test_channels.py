from __future__ import annotations

import pytest

from govcrawl.model.channels import is_consultation_anchor


@pytest.mark.parametrize("anchor, channel", [
    ("县长信箱", True), ("在线咨询", True), ("我要留言板", True),
    ("信访投诉", False), ("纪检举报信箱", False), ("政务公开", False), ("", False),
    ("关于开展县长信箱来信办理情况专项检查工作的通知公告", False),
])
def test_consultation_anchor(anchor: str, channel: bool) -> None:
    assert is_consultation_anchor(anchor) is channel


@pytest.mark.parametrize("anchor, channel", [
    ("領導信箱", True), ("網上諮詢", True), ("紀檢舉報信箱", False), ("信訪投訴", False),
])
def test_consultation_anchor_in_traditional_characters(anchor: str, channel: bool) -> None:
    assert is_consultation_anchor(anchor) is channel
