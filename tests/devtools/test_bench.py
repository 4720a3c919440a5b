"""``make bench``: the generated region, the target checks, and a tiny bench that must run end to end
(never timed here: the figures of a tiny region on a shared machine say nothing)."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

from scrapy.http import HtmlResponse

from govcrawl.devtools.bench import TARGETS, missed
from govcrawl.devtools.bench_baseline import FollowSpider
from govcrawl.devtools.bench_region import write_region
from tests.conftest import REPO

KEYS = {"scrapy_pages_per_s", "govcrawl_pages_per_s", "ratio", "scrapy_peak_rss_mib", "govcrawl_peak_rss_mib",
        "govcrawl_peak_rss_mib_5k", "text_mb_per_s", "annex_100k_s", "polite_pages_per_s"}
MET = {"scrapy_pages_per_s": 100.0, "govcrawl_pages_per_s": 80.0, "ratio": 0.8, "scrapy_peak_rss_mib": 90.0,
       "govcrawl_peak_rss_mib": 300.0, "govcrawl_peak_rss_mib_5k": 250.0, "text_mb_per_s": 25.0,
       "annex_100k_s": 20.0, "polite_pages_per_s": 45.0}


def test_generated_region_has_its_parts(tmp_path: Path) -> None:
    region_file, sites = write_region(tmp_path, "bench", ["127.0.2.1", "127.0.2.2"], 8790, 200)
    assert [s.host for s in sites] == ["127.0.2.1", "127.0.2.2"]
    assert all(190 <= s.pages <= 200 for s in sites)
    assert region_file.read_text(encoding="utf-8").count("[[sites]]") == 2
    utf8, gbk = sites[0].root, sites[1].root
    assert not (utf8 / "_server.json").exists()
    assert "charset=gbk" in (gbk / "_server.json").read_text()
    article = (gbk / "tzgg" / "art3.html").read_bytes()
    assert "发布日期" in article.decode("gbk")
    articles = list(utf8.glob("*/art*.html"))
    sizes = [len(re.sub(r"<[^>]+>", "", p.read_text(encoding="utf-8")).encode()) for p in articles]
    assert min(sizes) >= 2000 and max(sizes) <= 9000
    linked = [m for p in articles for m in re.findall(r"href='(/[^']+\.html)'", p.read_text(encoding="utf-8"))]
    broken = [u for u in linked if not (utf8 / u.lstrip("/")).exists()]
    assert 0.01 <= len(broken) / len(linked) <= 0.1  # about 5 % of the article links
    home = (utf8 / "index.html").read_text(encoding="utf-8")
    assert "网站标识码" in home and "/bsfw/guide.html" in home and "/hdjl/mailbox.html" in home
    assert "下一页" in (utf8 / "tzgg" / "index.html").read_text(encoding="utf-8")


def test_targets_met_and_missed() -> None:
    assert missed(MET, 50) == []
    assert len(missed({**MET, "ratio": TARGETS["ratio"] - 0.01}, 50)) == 1
    assert len(missed({**MET, "govcrawl_peak_rss_mib": 401.0}, 50)) == 2  # too big, and grew 1.6×
    assert len(missed({**MET, "text_mb_per_s": 19.0, "annex_100k_s": 31.0}, 50)) == 2
    assert len(missed({**MET, "polite_pages_per_s": 39.0}, 50)) == 1
    assert missed({**MET, "polite_pages_per_s": 3.5}, 4) == []
    assert len(missed({**MET, "polite_pages_per_s": 15.0}, 4, polite_delay=0.2)) == 1  # the ceiling is 20


def test_tiny_bench_runs_and_writes_every_figure(tmp_path: Path) -> None:
    result = subprocess.run(
        [str(REPO / ".venv" / "bin" / "python"), "-m", "govcrawl.devtools.bench", "--sites", "2", "--pages", "50",
         "--polite-sites", "2", "--polite-pages", "5", "--polite-delay", "0.2", "--text-mb", "0.1",
         "--annex-findings", "500", "--output-dir", str(tmp_path)],
        cwd=REPO, capture_output=True, text=True, timeout=300, check=False)
    figures = json.loads((tmp_path / "bench" / "latest.json").read_text())
    assert set(figures) == KEYS
    assert all(value > 0 for value in figures.values()), figures
    assert figures["ratio"] == round(figures["govcrawl_pages_per_s"] / figures["scrapy_pages_per_s"], 3) or \
        abs(figures["ratio"] - figures["govcrawl_pages_per_s"] / figures["scrapy_pages_per_s"]) < 0.01
    failures = missed(figures, 2, polite_delay=0.2)
    assert result.returncode == (1 if failures else 0), result.stderr[-3000:]
    assert len(re.findall(r"target missed", result.stderr)) == len(failures)
    assert re.search(r"govcrawl: (\d+) pages", result.stdout) and "plain scrapy:" in result.stdout


def test_baseline_follows_the_links_of_a_site_served_on_a_port() -> None:
    """Scrapy compares a link's host:port with allow_domains: a bare host there made the baseline
    fetch the homepages only (and look fast)."""
    spider = FollowSpider(urls=["http://127.0.2.1:8790/"])
    body = ("<a href='/tzgg/'>通知公告</a><a href='http://127.0.2.1:8790/zwdt/art1.html'>文章</a>"
            "<a href='http://127.0.2.2:8790/'>别的站</a>").encode()
    response = HtmlResponse("http://127.0.2.1:8790/", body=body, encoding="utf-8")
    assert [link.url for link in spider.links.extract_links(response)] == [
        "http://127.0.2.1:8790/tzgg/", "http://127.0.2.1:8790/zwdt/art1.html"]
