"""Evidence screenshots: a PNG of the page behind every serious finding, the phrase marked.

A unit may fix its page before it reads the circular; the inspector needs proof of what the page
showed. Every 单项否决 finding and every 暗链或违规内容 / 严重表述错误 finding gets a full-page
screenshot (cut around the phrase on very tall pages) with the offending text wrapped in a
<mark> outlined in red, hidden text made visible, and a banner with the URL and the time taken.
The browser of a 暗链或违规内容 page loads only that page's own host: a hacked page's refresh or
redirect never takes it to the spammer's.
Files live under OUTPUT_DIR/<code>/evidence/, named after the finding (subject, problem type and a
hash of its key), so a rerun of ``scrapy annex`` finds them and takes only the missing ones.

Playwright's async API drives its own headless Chromium (the system one) in a worker thread with
its own event loop, so the call is safe from the Twisted reactor's thread and from plain code.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import os
import re
import threading
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit

from govcrawl import settings as defaults
from govcrawl.annex.chart import FONT_DIRS, cjk_font
from govcrawl.model.findings import VETO

__all__ = ["EVIDENCE_DIR", "EVIDENCE_TYPES", "attach_screenshots", "highlight_needles", "screenshot_name",
           "take_screenshots", "wants_screenshot"]

logger = logging.getLogger(__name__)

EVIDENCE_DIR = "evidence"
#: Deduction types serious enough to need a picture (every 单项否决 needs one anyway).
EVIDENCE_TYPES = frozenset({"暗链或违规内容", "严重表述错误"})
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"

_UNSAFE = re.compile(r"[^\w\-]+")
_WIDTH, _HEIGHT = 1280, 900
# After "load", give late scripts (lists, challenge reloads) a moment; never wait on a busy page.
_SETTLE_IDLE_MS = 3000.0

_HIGHLIGHT_JS = """([needles, banner]) => {
  const head = document.createElement('div');
  head.setAttribute('data-govcrawl', 'banner');
  head.style.cssText = 'all:initial;display:block;background:#b00000;color:#fff;font:14px/1.6 sans-serif;' +
    'padding:6px 12px;white-space:pre-wrap;word-break:break-all;';
  head.textContent = banner;
  document.body.insertBefore(head, document.body.firstChild);
  const reveal = (el) => {
    for (let node = el; node && node !== document.body; node = node.parentElement) {
      const cs = getComputedStyle(node);
      if (cs.display === 'none') node.style.setProperty('display', 'block', 'important');
      if (cs.visibility !== 'visible') node.style.setProperty('visibility', 'visible', 'important');
      if (parseFloat(cs.opacity) < 0.1) node.style.setProperty('opacity', '1', 'important');
      if (parseFloat(cs.fontSize) < 8) node.style.setProperty('font-size', '14px', 'important');
      if (cs.position === 'absolute' || cs.position === 'fixed') {
        const r = node.getBoundingClientRect();
        if (r.right < 0 || r.bottom < 0 || r.left > document.documentElement.scrollWidth) {
          node.style.setProperty('position', 'static', 'important');
        }
      }
      if (cs.overflow === 'hidden' && (node.clientHeight < 4 || node.clientWidth < 4)) {
        node.style.setProperty('overflow', 'visible', 'important');
        node.style.setProperty('height', 'auto', 'important');
        node.style.setProperty('width', 'auto', 'important');
      }
    }
  };
  const mark = () => {
    const m = document.createElement('mark');
    m.setAttribute('data-govcrawl', 'evidence');
    m.style.cssText = 'background:#ffeb3b;color:#000;outline:3px solid #e00000;outline-offset:2px;';
    return m;
  };
  const done = (m, needle) => {
    reveal(m);
    const r = m.getBoundingClientRect();
    return {found: true, needle: needle, top: r.top + window.scrollY};
  };
  const skip = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA']);
  for (const needle of needles) {
    if (/^https?:\\/\\//.test(needle)) {
      const a = Array.from(document.querySelectorAll('a[href]')).find((x) => x.href === needle);
      if (a) { const m = mark(); a.parentNode.insertBefore(m, a); m.appendChild(a); return done(m, needle); }
      continue;
    }
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {
      acceptNode: (n) => (n.parentElement && !skip.has(n.parentElement.tagName) &&
        n.parentElement.getAttribute('data-govcrawl') !== 'banner') ?
        NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT});
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.data.indexOf(needle);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + needle.length);
      const m = mark();
      range.surroundContents(m);
      return done(m, needle);
    }
  }
  return {found: false, needle: '', top: 0};
}"""


class FindingRowLike(Protocol):
    """The part of storage.models.FindingRow a screenshot needs."""

    @property
    def id(self) -> int: ...
    @property
    def subject(self) -> str: ...
    @property
    def problem_type(self) -> str: ...
    @property
    def category(self) -> str: ...
    @property
    def key(self) -> str: ...
    @property
    def url(self) -> str: ...
    @property
    def evidence(self) -> str: ...
    @property
    def screenshot(self) -> str: ...


def wants_screenshot(row: FindingRowLike) -> bool:
    """Every 单项否决 finding and every 暗链或违规内容 / 严重表述错误 finding, when it names a page."""
    return (row.category == VETO or row.problem_type in EVIDENCE_TYPES) and row.url.startswith(("http://", "https://"))


def screenshot_name(subject: str, problem_type: str, key: str) -> str:
    """A file name safe on every file system, stable for the same finding across runs."""
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]
    parts = [_UNSAFE.sub("_", part).strip("_")[:40] or "x" for part in (subject, problem_type)]
    return f"{parts[0]}_{parts[1]}_{digest}.png"


def highlight_needles(key: str, evidence: str) -> list[str]:
    """Texts to look for on the page, most specific first: the key, the evidence, its pieces."""
    needles: list[str] = []
    # 暗链 evidence reads "anchor、anchor → host": the anchors are the words on the page
    for text in (key, evidence, *re.split(r"[…。；;，,、\n“”\"'「」→]+|\.\.\.", evidence)):
        text = text.strip().strip("…").strip()
        if len(text) >= 2 and text not in needles:
            needles.append(text[:80])
    return needles


def _is_png(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(8) == PNG_MAGIC
    except OSError:
        return False


def take_screenshots(findings_rows: Iterable[FindingRowLike], output_dir: str | Path, chromium_path: str,
                     timeout: float, *, chromium_args: Sequence[str] = tuple(defaults.GOVCRAWL_CHROMIUM_ARGS),
                     max_height: int = defaults.GOVCRAWL_SCREENSHOT_MAX_HEIGHT,
                     user_agent: str | None = None, fonts: Sequence[Path] = FONT_DIRS) -> dict[int, str]:
    """Screenshot the pages of the findings that need one; ``{row id: path relative to output_dir}``.

    ``output_dir`` is the region's folder (OUTPUT_DIR/<code>). A finding whose file already exists
    is not taken again. Findings whose page could not be captured are left out (and logged).
    ``user_agent`` (the crawler's USER_AGENT) keeps the browser identified like the crawl.
    Without Chromium at ``chromium_path``, without a CJK font in ``fonts`` (empty: not looked for),
    without the playwright module, or when the browser will not start, nothing is taken (one
    warning): screenshots are one feature, never the annex.
    """
    folder = Path(output_dir)
    result: dict[int, str] = {}
    todo: list[tuple[FindingRowLike, Path]] = []
    for row in findings_rows:
        if not wants_screenshot(row):
            continue
        relative = f"{EVIDENCE_DIR}/{screenshot_name(row.subject, row.problem_type, row.key)}"
        if _is_png(folder / relative):
            result[row.id] = relative
        else:
            todo.append((row, folder / relative))
    if not todo:
        return result
    if not (os.path.isfile(chromium_path) and os.access(chromium_path, os.X_OK)):
        logger.warning("no Chromium at %s: %d evidence screenshot(s) not taken", chromium_path, len(todo))
        return result
    if fonts and cjk_font(fonts) is None:  # a page of boxes is no evidence
        logger.warning("no Chinese font on this machine (apt-get install fonts-noto-cjk): %d evidence screenshot(s) "
                       "not taken, the annex is written without them", len(todo))
        return result
    (folder / EVIDENCE_DIR).mkdir(parents=True, exist_ok=True)
    try:
        taken = _in_worker_thread(_capture_all(todo, chromium_path, list(chromium_args), timeout, max_height,
                                               user_agent))
    except ImportError as exc:
        logger.warning("evidence screenshots unavailable (%s; install the project's render extra): "
                       "%d not taken, the annex is written without them", exc, len(todo))
        return result
    except Exception as exc:  # the browser would not start or died: the annex goes on without pictures
        logger.warning("evidence screenshots failed (%s: %s): %d not taken, the annex is written without them",
                       type(exc).__name__, str(exc).splitlines()[0] if str(exc) else "", len(todo))
        return result
    for row, path in todo:
        if row.id in taken:
            result[row.id] = path.relative_to(folder).as_posix()
    logger.info("evidence screenshots: %d taken, %d kept from earlier, %d failed", len(taken),
                len(result) - len(taken), len(todo) - len(taken))
    return result


def attach_screenshots(session: Any, run_id: int, output_dir: str | Path, settings: Mapping[str, Any]) -> int:
    """Take the run's missing screenshots and store their paths in FindingRow.screenshot.

    The one call the annex makes after the findings are final (before reading them back);
    returns how many rows carry a screenshot. Switched off by GOVCRAWL_SCREENSHOTS = False.
    """
    from sqlalchemy import select

    from govcrawl.render.config import RenderConfig
    from govcrawl.storage.models import FindingRow

    config = RenderConfig.from_settings(settings)
    if not config.screenshots:
        return 0
    rows = list(session.scalars(select(FindingRow).where(FindingRow.run_id == run_id)))
    paths = take_screenshots(rows, output_dir, config.chromium_path, config.screenshot_timeout,
                             chromium_args=config.chromium_args, max_height=config.screenshot_max_height,
                             user_agent=settings.get("USER_AGENT") or None)
    for row in rows:
        if row.id in paths:
            row.screenshot = paths[row.id]
    session.flush()
    return len(paths)


def _in_worker_thread(coro: Any) -> set[int]:
    """Run ``coro`` to completion on a fresh event loop in its own thread (the caller's thread
    may already run a loop: the asyncio reactor's)."""
    box: dict[str, Any] = {}

    def work() -> None:
        try:
            box["result"] = asyncio.run(coro)
        except BaseException as exc:  # re-raised in the caller's thread
            box["error"] = exc

    thread = threading.Thread(target=work, name="govcrawl-evidence", daemon=True)
    thread.start()
    thread.join()
    if "error" in box:
        raise box["error"]
    result: set[int] = box["result"]
    return result


_INJECTED = "暗链或违规内容"


def _same_host_only(url: str) -> Any:
    """A Playwright route handler that lets only ``url``'s own host load: a hacked page's refresh,
    redirect or injected resources would otherwise take the browser to the spammer's host."""
    host = urlsplit(url).hostname

    async def handle(route: Any) -> None:
        if urlsplit(route.request.url).hostname == host:
            await route.continue_()
        else:
            await route.abort()
    return handle


async def _capture_all(todo: list[tuple[FindingRowLike, Path]], chromium_path: str, args: list[str],
                       timeout: float, max_height: int, user_agent: str | None) -> set[int]:
    from playwright.async_api import Error as PlaywrightError
    from playwright.async_api import async_playwright

    taken: set[int] = set()
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=chromium_path, headless=True, args=args,
                                                   timeout=timeout * 1000)
        try:
            context = await browser.new_context(viewport={"width": _WIDTH, "height": _HEIGHT}, locale="zh-CN",
                                                ignore_https_errors=True, user_agent=user_agent)
            for row, path in todo:
                page = await context.new_page()
                if row.problem_type == _INJECTED:
                    await page.route("**/*", _same_host_only(row.url))
                try:
                    found = await capture(page, row.url, highlight_needles(row.key, row.evidence), path,
                                          banner=f"{row.problem_type} · {row.url}", timeout=timeout,
                                          max_height=max_height)
                    taken.add(row.id)
                    if not found:
                        logger.info("evidence %s: phrase not found on %s (screenshot unmarked)", path.name, row.url)
                except (PlaywrightError, OSError) as exc:
                    logger.warning("evidence screenshot of %s failed: %s", row.url, exc)
                finally:
                    await page.close()
        finally:
            await browser.close()
    return taken


async def capture(page: Any, url: str, needles: Sequence[str], path: Path, *, banner: str, timeout: float,
                  max_height: int) -> bool:
    """Open ``url`` in ``page``, mark the first needle found, save a PNG at ``path``.

    A page that fails to load is still captured (Chromium's error page is the evidence of
    站点无法访问). Returns whether a needle was found and marked.
    """
    from playwright.async_api import Error as PlaywrightError

    from govcrawl.render.browser import settle

    timeout_ms = timeout * 1000
    try:
        await page.goto(url, wait_until="load", timeout=timeout_ms)
        await settle(page, rounds=defaults.GOVCRAWL_RENDER_CHALLENGE_ROUNDS, timeout_ms=timeout_ms)
        await page.wait_for_load_state("networkidle", timeout=_SETTLE_IDLE_MS)
    except PlaywrightError as exc:
        logger.info("evidence page %s: %s (captured as shown)", url, str(exc).splitlines()[0])
        # Chromium replaces a failed navigation by its error page: let that one load first.
        await page.wait_for_timeout(500)
        await page.wait_for_load_state("load", timeout=timeout_ms)
    stamp = datetime.now().strftime("%Y-%m-%d %H:%M:%S")
    mark = await page.evaluate(_HIGHLIGHT_JS, [list(needles), f"截图时间 {stamp} · {banner}"])
    height = int(await page.evaluate("() => document.documentElement.scrollHeight"))
    width = int(await page.evaluate("() => document.documentElement.scrollWidth"))
    clip = None
    if height > max_height:
        top = max(0, min(int(mark["top"]) - max_height // 4, height - max_height)) if mark["found"] else 0
        clip = {"x": 0, "y": top, "width": max(width, _WIDTH), "height": max_height}
    partial = path.with_suffix(".part.png")
    await page.screenshot(path=str(partial), full_page=True, clip=clip, timeout=timeout_ms)
    partial.replace(path)  # a half-written file never looks like a finished screenshot
    return bool(mark["found"])
