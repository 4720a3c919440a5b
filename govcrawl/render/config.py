"""The rendering settings, read and checked once into a typed value.

Bad values fail loudly at start-up (a typo in GOVCRAWL_RENDER must not silently crawl without the
browser). A missing Chromium is not an error: the crawl runs without rendering, says so once, and
marks the pages that needed the browser, because an inspection must still finish on a machine
without it.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from govcrawl.config import ConfigError, flag, number, strings
from govcrawl.regions import RENDER_MODES, Site

__all__ = ["RenderConfig", "RenderConfigError"]


RenderConfigError = ConfigError  # a rendering setting that cannot be used


@dataclass(frozen=True)
class RenderConfig:
    """Everything the crawl needs to decide on and drive the browser.

    ``available`` is False when no browser can be used (``unavailable`` says why): the mode is
    "never", Chromium is missing at ``chromium_path``, or scrapy-playwright is not installed.
    """

    mode: str
    chromium_path: str
    chromium_args: tuple[str, ...]
    max_rendered_pages: int
    pages_per_site: int
    timeout: float
    challenge_rounds: int
    script_ratio: float
    block_resources: tuple[str, ...]
    screenshots: bool
    screenshot_timeout: float
    screenshot_max_height: int
    unavailable: str

    @property
    def available(self) -> bool:
        return not self.unavailable

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> RenderConfig:
        """Read the GOVCRAWL_ rendering settings (a scrapy Settings or any mapping)."""
        mode = str(settings["GOVCRAWL_RENDER"]).strip().lower()
        if mode not in RENDER_MODES:
            raise RenderConfigError(
                f"GOVCRAWL_RENDER must be one of {', '.join(RENDER_MODES)}, not {settings['GOVCRAWL_RENDER']!r}")
        config = cls(
            mode=mode,
            chromium_path=str(settings["GOVCRAWL_CHROMIUM_PATH"]),
            chromium_args=tuple(strings(settings, "GOVCRAWL_CHROMIUM_ARGS")),
            max_rendered_pages=number(settings, "GOVCRAWL_MAX_RENDERED_PAGES", int, minimum=0),
            pages_per_site=number(settings, "GOVCRAWL_RENDER_PAGES_PER_SITE", int, minimum=1),
            timeout=number(settings, "GOVCRAWL_RENDER_TIMEOUT", float, minimum=1),
            challenge_rounds=number(settings, "GOVCRAWL_RENDER_CHALLENGE_ROUNDS", int, minimum=0),
            script_ratio=number(settings, "GOVCRAWL_RENDER_SCRIPT_RATIO", float, minimum=0),
            block_resources=tuple(strings(settings, "GOVCRAWL_RENDER_BLOCK_RESOURCES")),
            screenshots=flag(settings, "GOVCRAWL_SCREENSHOTS"),
            screenshot_timeout=number(settings, "GOVCRAWL_SCREENSHOT_TIMEOUT", float, minimum=1),
            screenshot_max_height=number(settings, "GOVCRAWL_SCREENSHOT_MAX_HEIGHT", int, minimum=600),
            unavailable="",
        )
        if config.script_ratio > 1:
            raise RenderConfigError("GOVCRAWL_RENDER_SCRIPT_RATIO is a share of the page text: 0 … 1")
        return _with_reason(config, _unavailable(config))

    def site_mode(self, site: Site) -> str:
        """The site's render mode: its own ``render`` or the region-wide GOVCRAWL_RENDER."""
        return site.render or self.mode

    def launch_options(self) -> dict[str, Any]:
        """PLAYWRIGHT_LAUNCH_OPTIONS for the system Chromium (headless)."""
        return {"executable_path": self.chromium_path, "headless": True, "args": list(self.chromium_args),
                "timeout": self.timeout * 1000}


def _with_reason(config: RenderConfig, reason: str) -> RenderConfig:
    return config if not reason else RenderConfig(**{**config.__dict__, "unavailable": reason})


def _unavailable(config: RenderConfig) -> str:
    if config.mode == "never":
        return "GOVCRAWL_RENDER is 'never'"
    if not (os.path.isfile(config.chromium_path) and os.access(config.chromium_path, os.X_OK)):
        return f"no Chromium at {config.chromium_path} (GOVCRAWL_CHROMIUM_PATH; apt-get install chromium)"
    if importlib.util.find_spec("scrapy_playwright") is None:
        return "scrapy-playwright is not installed (pip install govcrawl[render])"
    return ""
