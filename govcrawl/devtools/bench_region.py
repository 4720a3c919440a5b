"""A generated region for ``make bench``: N sites × M pages of realistic government markup.

Each site has a homepage (navigation, a dated news list, a footer with 主办单位, 网站标识码 and ICP
number), four article columns whose lists are paginated (index.html, index_1.html, … with 下一页
and 共N条), articles of 2–8 KB of Chinese text with 发布日期 and 来源, a 办事指南 page and a 领导信箱
page. About 5 % of the articles link to a page the site does not have (a broken link, answered 404
by the static server). The last site is encoded in GBK and says so in its headers. Every site is a
folder served on its own loopback address by ``govcrawl.devtools.devserver``; ``write_region`` also
writes the region file that names them.

The text is drawn from a fixed phrase list by a seeded generator, so a size always gives the same
region.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

__all__ = ["AS_OF", "BenchSite", "article_text", "write_region"]

AS_OF = date(2026, 11, 20)
COLUMNS = (("tzgg", "通知公告"), ("zwdt", "政务动态"), ("zcwj", "政策文件"), ("rsxx", "人事信息"))
PER_LIST_PAGE = 20
BROKEN_SHARE = 20  # one article in 20 links to a missing page
_PHRASES = (
    "为深入贯彻落实党中央国务院决策部署", "进一步优化营商环境", "全面推进依法行政", "切实做好民生保障工作",
    "根据有关规定", "经研究决定", "现将有关事项通知如下", "各乡镇人民政府", "县直各有关单位",
    "坚持以人民为中心的发展思想", "加快推进数字政府建设", "强化安全生产责任落实", "认真组织开展自查自纠",
    "确保各项工作落到实处", "特此通知", "请各单位高度重视", "按照时间节点抓好落实", "做好信息公开工作",
    "持续提升政务服务水平", "统筹推进乡村振兴", "加强生态环境保护", "提高群众满意度",
)
_NAMES = ("城关镇", "河西乡", "东湖街道", "新华社区", "县人力资源和社会保障局", "县发展和改革委员会")


@dataclass(frozen=True)
class BenchSite:
    """One generated site: its folder, the loopback address that serves it, and its page count."""

    root: Path
    host: str
    pages: int


def article_text(rng: random.Random, size: int) -> str:
    parts: list[str] = []
    length = 0
    while length < size:
        sentence = "，".join(rng.choice(_PHRASES) for _ in range(rng.randint(2, 4))) + "。"
        parts.append(sentence)
        length += len(sentence.encode())
    return "".join(f"<p>{p}</p>" for p in parts)


def _page(title: str, body: str, footer: str, charset: str) -> str:
    nav = "".join(f"<li><a href='/{slug}/'>{name}</a></li>" for slug, name in COLUMNS)
    return (f"<!DOCTYPE html><html><head><meta charset='{charset}'><title>{title}</title>"
            f"<meta name='SiteName' content='{title}'></head><body>"
            f"<div class='header'><ul class='nav'><li><a href='/'>首页</a></li>{nav}"
            "<li><a href='/bsfw/guide.html'>办事服务</a></li>"
            "<li><a href='/hdjl/mailbox.html'>领导信箱</a></li></ul></div>"
            f"<div class='main'>{body}</div>{footer}</body></html>")


def _footer(number: int) -> str:
    return (f"<div class='footer'><p>主办单位：基准县人民政府办公室{number}</p>"
            f"<p>网站标识码：41990{number:05d} 豫ICP备1200{number:04d}号</p>"
            f"<p>公安机关备案号 41990002{number:06d}</p><p>联系电话：0371-1234567</p></div>")


def _list_page(column: str, name: str, items: list[tuple[int, date]], page: int, pages: int, total: int) -> str:
    rows = "".join(f"<li><a href='/{column}/art{n}.html'>{name}第{n}号文件</a><span>{d.isoformat()}</span></li>"
                   for n, d in items)
    pager = [f"<span>共{total}条</span>"]
    if page + 1 < pages:
        pager.append(f"<a href='/{column}/index_{page + 1}.html'>下一页</a>")
    if page > 0:
        pager.append(f"<a href='/{column}/{'index.html' if page == 1 else f'index_{page - 1}.html'}'>上一页</a>")
    return f"<h2>{name}</h2><ul class='list'>{rows}</ul><div class='pager'>{''.join(pager)}</div>"


def _article(rng: random.Random, column: str, name: str, number: int, day: date) -> str:
    broken = number % BROKEN_SHARE == 7
    related = f"/{column}/missing{number}.html" if broken else f"/{column}/art{max(number - 1, 0)}.html"
    return (f"<h1>{name}第{number}号文件</h1>"
            f"<div class='info'>发布日期：{day.isoformat()} 来源：{rng.choice(_NAMES)}</div>"
            f"<div class='content'>{article_text(rng, rng.randint(2000, 8000))}</div>"
            f"<div class='related'>相关链接：<a href='{related}'>相关文件</a> <a href='/{column}/'>返回列表</a></div>")


_GUIDE = ("<h1>企业投资项目备案办事指南</h1><table class='guide'>"
          "<tr><th>事项名称</th><td>企业投资项目备案</td></tr><tr><th>设定依据</th><td>《企业投资项目核准和备案管理条例》</td></tr>"
          "<tr><th>申请条件</th><td>在本县行政区域内投资建设的项目</td></tr><tr><th>申请材料</th><td>项目备案申请表</td></tr>"
          "<tr><th>办理流程</th><td>申请、受理、备案</td></tr><tr><th>办理时限</th><td>1个工作日</td></tr>"
          "<tr><th>收费标准</th><td>不收费</td></tr><tr><th>咨询电话</th><td>0371-1234567</td></tr></table>")


def _mailbox(rng: random.Random) -> str:
    rows = []
    for n in range(10):
        asked = AS_OF - timedelta(days=3 + 5 * n)
        rows.append(f"<tr><td>关于{rng.choice(_NAMES)}道路维修的咨询</td><td>{asked.isoformat()}</td>"
                    f"<td>已回复</td><td>{(asked + timedelta(days=2)).isoformat()}</td></tr>")
    return ("<h1>领导信箱</h1><table class='letters'>"
            "<tr><th>标题</th><th>来信时间</th><th>状态</th><th>回复时间</th></tr>"
            f"{''.join(rows)}</table>")


def _write_site(root: Path, number: int, pages: int, gbk: bool) -> int:
    """Write one site of about ``pages`` pages under ``root``; returns the pages written."""
    rng = random.Random(number)
    charset = "gbk" if gbk else "utf-8"
    footer = _footer(number)
    written = 0

    def put(path: str, title: str, body: str) -> None:
        nonlocal written
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(_page(title, body, footer, charset).encode(charset))
        written += 1

    articles = max(len(COLUMNS), (pages - 3) * PER_LIST_PAGE // (PER_LIST_PAGE + 1))
    per_column = articles // len(COLUMNS)
    news: list[str] = []
    for slug, name in COLUMNS:
        dated = [(n, AS_OF - timedelta(days=n // 3)) for n in range(per_column)]
        list_pages = -(-per_column // PER_LIST_PAGE)
        for page in range(list_pages):
            chunk = dated[page * PER_LIST_PAGE:(page + 1) * PER_LIST_PAGE]
            put(f"{slug}/index.html" if page == 0 else f"{slug}/index_{page}.html", name,
                _list_page(slug, name, chunk, page, list_pages, per_column))
        for n, day in dated:
            put(f"{slug}/art{n}.html", f"{name}第{n}号文件", _article(rng, slug, name, n, day))
        news += [f"<li><a href='/{slug}/art{n}.html'>{name}第{n}号文件</a><span>{d.isoformat()}</span></li>"
                 for n, d in dated[:3]]
    put("bsfw/guide.html", "办事指南", _GUIDE)
    put("hdjl/mailbox.html", "领导信箱", _mailbox(rng))
    put("index.html", f"基准县第{number}部门", f"<h2>要闻动态</h2><ul class='news'>{''.join(news)}</ul>")
    if gbk:
        (root / "_server.json").write_text(json.dumps(
            {"paths": {"*.html": {"headers": {"Content-Type": "text/html; charset=gbk"}},
                       "/": {"headers": {"Content-Type": "text/html; charset=gbk"}},
                       "*/": {"headers": {"Content-Type": "text/html; charset=gbk"}}}}))
    return written


def write_region(folder: Path, code: str, hosts: list[str], port: int, pages: int,
                 gbk_last: bool = True) -> tuple[Path, list[BenchSite]]:
    """Write one site per host under ``folder`` and the region file naming them; returns the region
    file's path and the sites."""
    sites = [BenchSite(folder / f"site{n}", host,
                       _write_site(folder / f"site{n}", n, pages, gbk_last and n == len(hosts) - 1))
             for n, host in enumerate(hosts)]
    lines = ["[region]", f'code = "{code}"', 'name = "基准县"', ""]
    for n, site in enumerate(sites):
        lines += ["[[sites]]", f'name = "基准县第{n}部门"', f'url = "http://{site.host}:{port}/"',
                  f'site_code = "41990{n:05d}"', f'owner = "基准县人民政府办公室{n}"', ""]
    region_file = folder / f"{code}.toml"
    region_file.write_text("\n".join(lines), encoding="utf-8")
    return region_file, sites
