"""RulesPipeline: page rules run as pages arrive; a page judged without the browser it needed
gives findings that say so."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from types import SimpleNamespace

from scrapy.utils.test import get_crawler

from govcrawl.pipelines.rules import RulesPipeline
from govcrawl.regions import load_region
from govcrawl.render.decide import NOTE_UNRENDERED
from tests.rules._helpers import page

REGION = """[region]
code = "t"
name = "测试县"

[[sites]]
name = "测试县人民政府"
url = "http://127.0.1.1/"
site_code = "4110000001"
owner = "测试县人民政府办公室"
"""


def pipeline(tmp_path: Path) -> RulesPipeline:
    (tmp_path / "t.toml").write_text(REGION, encoding="utf-8")
    crawler = get_crawler()
    crawler.spider = SimpleNamespace(region=load_region(tmp_path / "t.toml"), as_of=date(2026, 9, 30))
    rules = RulesPipeline.from_crawler(crawler)
    rules.open_spider()
    return rules


def test_findings_of_an_unrendered_page_carry_the_note(tmp_path: Path) -> None:
    rules = pipeline(tmp_path)
    body = "<p>全县上下要再接再励，推动各项工作。</p>"
    plain = rules.process_item(replace(page(body), site="4110000001"))
    unrendered = rules.process_item(replace(page(body), site="4110000001", needs_rendering=True))
    assert [f.problem_type for f in plain.findings] == ["错别字"] and plain.findings[0].note == ""
    assert [f.note for f in unrendered.findings] == [NOTE_UNRENDERED]
