"""The links of an injected hidden block are evidence, never requests: the crawl does not visit
gambling hosts, and a dead one is no 不可用链接 of the unit's."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from govcrawl.devtools.devserver import SiteServer
from tests.conftest import PORT, QUICK, run_spider

SPAM_HOST = "127.0.1.7"  # stands for the spammer's host: served, so a request to it would be seen
SITE_HOST = "127.0.1.6"

HOME = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>示例镇人民政府</title></head><body>
<div class="news"><h2>工作动态</h2><ul>
<li><a href="/a/1.html">示例镇开展秋季防火检查</a><span>2026-11-18</span></li>
<li><a href="/a/2.html">示例镇召开村级换届工作会</a><span>2026-11-12</span></li>
<li><a href="/a/3.html">示例镇推进秋收秋种工作</a><span>2026-11-05</span></li></ul></div>
<div style="display:none">
<a href="http://{SPAM_HOST}:{PORT}/bocai/1.html">澳门博彩</a><a href="http://{SPAM_HOST}:{PORT}/bocai/2.html">百家乐</a>
<a href="http://{SPAM_HOST}:{PORT}/bocai/3.html">真人娱乐</a><a href="http://{SPAM_HOST}:{PORT}/bocai/4.html">六合彩</a>
</div>
<a href="http://{SPAM_HOST}:{PORT}/open.html">友好单位网站</a>
</body></html>"""

ARTICLE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>{0}</title></head><body><h1>{0}</h1>
<p>发布时间：2026-11-18</p><p>正文内容。</p></body></html>"""


def test_hidden_spam_links_are_neither_crawled_nor_checked(tmp_path: Path) -> None:
    site, spam = tmp_path / "site", tmp_path / "spam"
    (site / "a").mkdir(parents=True)
    spam.mkdir()
    (site / "index.html").write_text(HOME, encoding="utf-8")
    for n in (1, 2, 3):
        (site / "a" / f"{n}.html").write_text(ARTICLE.format(f"文章{n}"), encoding="utf-8")
    (spam / "open.html").write_text(ARTICLE.format("友好单位"), encoding="utf-8")
    region = tmp_path / "r.toml"
    region.write_text(f"""[region]
code = "hidden"
name = "示例县"

[[sites]]
name = "示例镇人民政府"
url = "http://{SITE_HOST}:{PORT}/"
site_code = "4199000009"
owner = "示例镇人民政府"

[[sites]]
name = "外站"
url = "http://{SPAM_HOST}:{PORT}/open.html"
site_code = "4199000010"
owner = "外站"
""", encoding="utf-8")
    with SiteServer(site, SITE_HOST, PORT) as own, SiteServer(spam, SPAM_HOST, PORT) as other:
        result = run_spider("gov", region, "2026-11-20", tmp_path / "out", *QUICK)
        assert result.returncode == 0, result.stderr[-3000:]
        assert "/a/1.html" in own.stats.paths()
        requested = other.stats.paths()
    # the visible link to the same host is checked; the hidden ones never are
    assert "/open.html" in requested
    assert not [p for p in requested if p.startswith("/bocai/")]
    with sqlite3.connect(tmp_path / "out" / "hidden" / "govcrawl.sqlite") as db:
        checked = [url for (url,) in db.execute("select url from links where site = '4199000009'")]
        kinds = [t for (t,) in db.execute("select problem_type from findings where subject = '4199000009'")]
    assert not [u for u in checked if "/bocai/" in u]
    assert "暗链或违规内容" in kinds and "不可用链接" not in kinds
