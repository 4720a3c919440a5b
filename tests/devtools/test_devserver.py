"""The loopback fixture server: sidecar extras, endless handlers and what it records."""

from __future__ import annotations

import http.client
import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from govcrawl.devtools.devserver import SiteServer

HOST, PORT = "127.0.1.201", 8790


@pytest.fixture
def server(tmp_path: Path) -> Iterator[SiteServer]:
    (tmp_path / "news").mkdir()
    (tmp_path / "index.html").write_text("<html><body>首页</body></html>", "utf-8")
    (tmp_path / "news" / "index.html").write_bytes("<html><body>新闻</body></html>".encode("gbk"))
    (tmp_path / "a1.html").write_text("<html>a1</html>", "utf-8")
    (tmp_path / "_server.json").write_text(json.dumps({
        "calendar": "/calendar",
        "pagination": {"prefix": "/list/", "name": "通知公告", "items": ["/a1.html"], "newest": "2026-11-01"},
        "paths": {
            "/news/*": {"headers": {"Content-Type": "text/html; charset=gbk"}},
            "/gone.html": {"status": 404},
            "/busy.html": {"status": 503, "headers": {"Retry-After": "2"}},
            "/old.html": {"status": 301, "redirect": "/index.html"},
            "/slow.html": {"delay": 0.3, "status": 204},
            "/big.html": {"size": 5000},
            "/a1.html": {"head_status": 405},
        }}, ensure_ascii=False), "utf-8")
    with SiteServer(tmp_path, HOST, PORT) as srv:
        yield srv


def get(path: str, method: str = "GET") -> http.client.HTTPResponse:
    conn = http.client.HTTPConnection(HOST, PORT, timeout=5)
    conn.request(method, path)
    response = conn.getresponse()
    response.read()
    conn.close()
    return response


def body(path: str) -> str:
    conn = http.client.HTTPConnection(HOST, PORT, timeout=5)
    conn.request("GET", path)
    text = conn.getresponse().read().decode("utf-8")
    conn.close()
    return text


def test_static_files_and_directory_index(server: SiteServer) -> None:
    assert "首页" in body("/")
    news = get("/news/")
    assert news.status == 200 and news.getheader("Content-Type") == "text/html; charset=gbk"
    assert get("/missing.html").status == 404
    assert get("/_server.json").status == 404
    assert get("/../../etc/passwd").status == 404


def test_a_query_is_answered_by_its_own_file_when_there_is_one(server: SiteServer, tmp_path: Path) -> None:
    (tmp_path / "index.html@page=2").write_text("<html><body>第2页</body></html>", "utf-8")
    (tmp_path / "a1.html@pageNum=2&uid=1").write_text("<html>a1 第2页</html>", "utf-8")
    assert "第2页" in body("/?page=2") and "第2页" in body("/index.html?page=2")
    assert "a1 第2页" in body("/a1.html?uid=1&pageNum=2") and "a1 第2页" in body("/a1.html?pageNum=2&uid=1")
    assert "首页" in body("/?page=3")  # no file for this query: the query is ignored
    assert body("/a1.html?uid=1") == "<html>a1</html>"
    assert get("/?page=%2F..%2F_server.json").status == 200 and "首页" in body("/?page=%2F..%2F_server.json")


def test_sidecar_status_headers_redirects_and_size(server: SiteServer) -> None:
    assert get("/gone.html").status == 404
    busy = get("/busy.html")
    assert (busy.status, busy.getheader("Retry-After")) == (503, "2")
    old = get("/old.html")
    assert (old.status, old.getheader("Location")) == (301, "/index.html")
    assert int(get("/big.html").getheader("Content-Length") or 0) > 5000
    head = get("/index.html", "HEAD")
    assert head.status == 200 and int(head.getheader("Content-Length") or 0) > 0
    assert (get("/a1.html", "HEAD").status, get("/a1.html").status) == (405, 200)


def test_endless_calendar_and_pagination(server: SiteServer) -> None:
    page = body("/calendar?y=2026&m=12")
    assert "2026年12月" in page and "/calendar?y=2027&m=1" in page and "/calendar?y=2026&m=11" in page
    listing = body("/list/index_3.html")
    assert "/list/index_4.html" in listing and "下一页" in listing and "/a1.html" in listing
    assert body("/a1.html") == "<html>a1</html>"  # other files under other prefixes stay static


def test_records_requests_and_peak_concurrency(server: SiteServer) -> None:
    threads = [threading.Thread(target=get, args=("/slow.html",)) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    get("/index.html", "HEAD")
    assert server.stats.max_in_flight == 3
    assert server.stats.paths() == ["/slow.html"] * 3 + ["/index.html"]
    assert server.stats.paths("HEAD") == ["/index.html"]
    server.reset()
    assert server.stats.requests == [] and server.stats.max_in_flight == 0


def test_refuses_non_loopback_addresses(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="loopback"):
        SiteServer(tmp_path, "0.0.0.0", PORT)
