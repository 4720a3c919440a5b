"""The browser fetch path end to end, with Debian's Chromium, through a tiny spider of its own.

Each test serves a fixture tree from tests/sites_js on its own loopback address and runs
tests/sites_js/probe_spider.py in a subprocess (the reactor cannot restart inside pytest).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.sites_js.chromium import needs_chromium
from tests.sites_js.serve import serve

ROOT = Path(__file__).resolve().parents[2]


def probe(tmp_path: Path, mode: str, *urls: str, settings: dict[str, str] | None = None,
          site_render: str | None = None) -> list[dict[str, Any]]:
    out = tmp_path / "items.jsonl"
    args = [sys.executable, "-m", "tests.sites_js.probe_spider", str(out), mode, *urls]
    for name, value in (settings or {}).items():
        args += ["-s", f"{name}={value}"]
    if site_render:
        args.append(f"render={site_render}")
    proc = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-3000:]
    # tldextract (Scrapy's cookie jar) may log its failed public-suffix download: not ours
    errors = [line for line in proc.stderr.splitlines()
              if (" ERROR: " in line or " CRITICAL: " in line) and "tldextract" not in line]
    assert not errors, proc.stderr[-3000:]
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()] if out.exists() else []


def by_path(items: list[dict[str, Any]], base: str) -> dict[str, dict[str, Any]]:
    return {item["url"].removeprefix(base.rstrip("/")): item for item in items}


@needs_chromium
def test_script_built_list_is_read_from_the_rendered_page(tmp_path: Path) -> None:
    with serve("jslist_stale", "127.0.1.61") as site:
        items = by_path(probe(tmp_path, "pages", site.url), site.url)
    column = items["/gzdt/index.html"]
    assert column["rendered"] is True
    assert column["items"] == 6
    assert column["newest"] == "2026-07-15"
    # pages whose lists are in the HTML are not sent through the browser
    assert items["/tzgg.html"]["rendered"] is False and items["/tzgg.html"]["items"] == 3
    assert items["/"]["rendered"] is False


@needs_chromium
def test_script_built_table_from_json_data_block(tmp_path: Path) -> None:
    with serve("jslist_fresh", "127.0.1.63") as site:
        items = by_path(probe(tmp_path, "pages", site.url + "gzdt/index.html"), site.url)
    column = items["/gzdt/index.html"]
    assert (column["rendered"], column["items"], column["newest"]) == (True, 5, "2026-11-18")


@needs_chromium
def test_challenge_is_passed_once_and_the_clearance_reused(tmp_path: Path) -> None:
    with serve("challenge", "127.0.1.62", challenge=True) as site:
        items = by_path(probe(tmp_path, "pages", site.url), site.url)
        requests = list(site.requests)
    home = items["/"]
    assert home["rendered"] is True and home["status"] == 200
    assert home["home_newest"] == "2026-11-19"
    followed = [item for path, item in items.items() if path != "/"]
    assert len(followed) >= 3
    # the browser's clearance cookie went to the plain client: the other pages needed no browser
    assert all(item["status"] == 200 and not item["rendered"] for item in followed)
    challenged = [path for _method, path, cleared in requests if not cleared]
    assert challenged == ["/", "/"], requests  # the plain fetch and the browser's first navigation


@needs_chromium
def test_challenged_link_checks_are_rechecked_in_the_browser(tmp_path: Path) -> None:
    with serve("challenge", "127.0.1.64", challenge=True) as site:
        links = by_path(probe(tmp_path, "links", site.url + "xxgk/doc_20261106.html",
                              site.url + "tzgg/index.html", site.url + "missing.html"), site.url)
    assert links["/xxgk/doc_20261106.html"]["verdict"] == "ok"
    assert links["/tzgg/index.html"]["verdict"] == "ok"
    assert any(link["via_browser"] for link in links.values())
    # a link that is broken behind the challenge is still broken after the browser passed it
    assert (links["/missing.html"]["verdict"], links["/missing.html"]["status"]) == ("broken", 404)


@needs_chromium
def test_render_always_fetches_the_first_request_in_the_browser(tmp_path: Path) -> None:
    with serve("jslist_fresh", "127.0.1.65") as site:
        items = by_path(probe(tmp_path, "pages", site.url, site_render="always"), site.url)
    assert items["/"]["rendered"] is True


def test_without_chromium_pages_are_marked_and_judged_raw(tmp_path: Path) -> None:
    with serve("jslist_stale", "127.0.1.66") as site:
        items = by_path(probe(tmp_path, "pages", site.url + "gzdt/index.html",
                              settings={"GOVCRAWL_CHROMIUM_PATH": str(tmp_path / "no-chromium")}), site.url)
    column = items["/gzdt/index.html"]
    assert (column["rendered"], column["needs_rendering"], column["items"]) == (False, True, 0)
    assert "scripts build lists" in column["reason"]


@needs_chromium
def test_render_cap_leaves_further_pages_marked(tmp_path: Path) -> None:
    with serve("challenge", "127.0.1.67", challenge=True) as site:
        items = by_path(probe(tmp_path, "pages", site.url, settings={"GOVCRAWL_MAX_RENDERED_PAGES": "0"}),
                        site.url)
    assert items["/"]["needs_rendering"] is True and items["/"]["status"] == 412
    assert items["/"]["reason"] == "firewall challenge (HTTP 412)"
