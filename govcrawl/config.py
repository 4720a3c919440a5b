"""govcrawl's own settings, read and checked once into typed values.

A ``GOVCRAWL_…`` key is one of two kinds (the split is declared here, in ``PROCESS_WIDE``, and
explained in the comment of each group of govcrawl/settings.py):

- a per-site threshold: what a rule or a site's crawl is judged with (staleness days, veto counts,
  points, quote length, spam score, a site's crawl caps). A region file may set it in ``[thresholds]``
  or a site's ``thresholds``; model/conf.py's ``build_conf`` gives each site the value in force for it.
- a process-wide setting: how this process crawls, renders, stores and shares its queue. It is the
  same for every site of a run, so only ``-s NAME=VALUE`` (or a scrapyd job) sets it; a region file
  naming one is refused by regions.py. ``CrawlConfig`` reads the crawl engine's ones (rendering's are
  in render/config.py) and fails loudly, naming the setting, on a value of the wrong type or range.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from govcrawl import settings as default_settings
from govcrawl.home import govcrawl_home

__all__ = ["PROCESS_WIDE", "ConfigError", "CrawlConfig", "setting_defaults", "threshold_defaults"]

PROCESS_WIDE = frozenset({
    # identity and politeness of the crawler process
    "GOVCRAWL_CONTACT_URL", "GOVCRAWL_MIN_DOWNLOAD_DELAY", "GOVCRAWL_RETRY_BACKOFF_BASE",
    "GOVCRAWL_RETRY_BACKOFF_MAX", "GOVCRAWL_OFFLINE_SUFFIX_LIST", "GOVCRAWL_PROBE_TIMEOUT",
    # URL identity is shared by the spider, the dupefilter and the store: one list per run
    "GOVCRAWL_DROP_QUERY_PARAMS",
    # link checks and the address guard (security: never a region file's choice)
    "GOVCRAWL_CHECK_LINKS", "GOVCRAWL_LINK_CHECK_TIMEOUT", "GOVCRAWL_LINK_CHECK_PRIORITY", "GOVCRAWL_MAX_URL_LENGTH",
    "GOVCRAWL_ALLOW_PRIVATE", "GOVCRAWL_CANARY_URLS",
    # the IPv6/HTTPS check's trust store, port, timeout and lookup (crawl/transport.py)
    "GOVCRAWL_CA_BUNDLE", "GOVCRAWL_HTTPS_PORT", "GOVCRAWL_TRANSPORT_TIMEOUT", "GOVCRAWL_TRANSPORT_RESOLVER",
    # the browser of this machine (a site chooses its own mode with its `render` key)
    "GOVCRAWL_RENDER", "GOVCRAWL_CHROMIUM_PATH", "GOVCRAWL_CHROMIUM_ARGS", "GOVCRAWL_MAX_RENDERED_PAGES",
    "GOVCRAWL_SCREENSHOTS", "GOVCRAWL_RENDER_SCRIPT_RATIO", "GOVCRAWL_RENDER_PAGES_PER_SITE",
    "GOVCRAWL_RENDER_TIMEOUT", "GOVCRAWL_RENDER_CHALLENGE_ROUNDS", "GOVCRAWL_RENDER_BLOCK_RESOURCES",
    "GOVCRAWL_SCREENSHOT_TIMEOUT", "GOVCRAWL_SCREENSHOT_MAX_HEIGHT",
    # storage and distributed runs
    "GOVCRAWL_HOME", "GOVCRAWL_PROGRESS_INTERVAL", "GOVCRAWL_DB_BATCH", "GOVCRAWL_DB_RETRY_SECONDS",
    "GOVCRAWL_ANNEX_ON_CLOSE",
    "GOVCRAWL_REDIS_KEY", "GOVCRAWL_REDIS_IDLE_SECONDS", "GOVCRAWL_REDIS_RUN_WAIT_SECONDS",
})


class ConfigError(ValueError):
    """A setting that cannot be used; the message names it."""


def setting_defaults() -> dict[str, Any]:
    """Every ``GOVCRAWL_…`` setting of govcrawl.settings with its default."""
    return {k: getattr(default_settings, k) for k in dir(default_settings) if k.startswith("GOVCRAWL_")}


def threshold_defaults() -> dict[str, Any]:
    """The per-site thresholds (every ``GOVCRAWL_…`` setting not in PROCESS_WIDE) with their defaults."""
    return {k: v for k, v in setting_defaults().items() if k not in PROCESS_WIDE}


@dataclass(frozen=True)
class CrawlConfig:
    """The process-wide settings of the crawl engine: politeness, link checks, storage, output and
    distributed runs. Built by each component's ``from_crawler`` with ``from_settings``."""

    min_download_delay: float
    retry_backoff_base: float
    retry_backoff_max: float
    offline_suffix_list: bool
    probe_timeout: float
    drop_query_params: tuple[str, ...]
    check_links: bool
    link_check_timeout: float
    link_check_priority: int
    max_url_length: int
    allow_private: bool
    canary_urls: tuple[str, ...]
    db_batch: int
    db_retry_seconds: float
    output_dir: str
    database_url: str
    redis_url: str
    redis_key: str
    redis_idle_seconds: float
    redis_run_wait_seconds: float
    worker_heartbeat: float
    worker_lost_seconds: float
    extract_processes: int
    extract_pool_after: int

    @classmethod
    def for_crawler(cls, crawler: Any) -> CrawlConfig:
        """The crawl's one CrawlConfig: built and checked when its first component asks (the
        settings are frozen by then), then shared by every other component of the crawler."""
        config: CrawlConfig | None = getattr(crawler, "govcrawl_config", None)
        if config is None:
            config = crawler.govcrawl_config = cls.from_settings(crawler.settings)
        return config

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> CrawlConfig:
        """Read and check the settings (a scrapy Settings or any mapping; missing keys take their default)."""
        values = {"OUTPUT_DIR": "", "GOVCRAWL_HOME": "", "DATABASE_URL": "", "REDIS_URL": "", **setting_defaults(),
                  **dict(_items(settings))}
        redis_key = text(values, "GOVCRAWL_REDIS_KEY")
        if "{region}" not in redis_key:
            raise ConfigError(f"GOVCRAWL_REDIS_KEY must contain {{region}} so regions never share a queue, "
                              f"not {redis_key!r}")
        return cls(
            min_download_delay=number(values, "GOVCRAWL_MIN_DOWNLOAD_DELAY", float, minimum=0),
            retry_backoff_base=number(values, "GOVCRAWL_RETRY_BACKOFF_BASE", float, minimum=0),
            retry_backoff_max=number(values, "GOVCRAWL_RETRY_BACKOFF_MAX", float, minimum=0),
            offline_suffix_list=flag(values, "GOVCRAWL_OFFLINE_SUFFIX_LIST"),
            probe_timeout=number(values, "GOVCRAWL_PROBE_TIMEOUT", float, minimum=1),
            drop_query_params=tuple(strings(values, "GOVCRAWL_DROP_QUERY_PARAMS")),
            check_links=flag(values, "GOVCRAWL_CHECK_LINKS"),
            link_check_timeout=number(values, "GOVCRAWL_LINK_CHECK_TIMEOUT", float, minimum=1),
            link_check_priority=number(values, "GOVCRAWL_LINK_CHECK_PRIORITY", int, minimum=-1000),
            max_url_length=number(values, "GOVCRAWL_MAX_URL_LENGTH", int, minimum=64),
            allow_private=flag(values, "GOVCRAWL_ALLOW_PRIVATE"),
            canary_urls=tuple(web_addresses(values, "GOVCRAWL_CANARY_URLS")),
            db_batch=number(values, "GOVCRAWL_DB_BATCH", int, minimum=1),
            db_retry_seconds=number(values, "GOVCRAWL_DB_RETRY_SECONDS", float, minimum=0),
            output_dir=str(values["OUTPUT_DIR"] or govcrawl_home(values)),
            database_url=text(values, "DATABASE_URL"),
            redis_url=text(values, "REDIS_URL"),
            redis_key=redis_key,
            redis_idle_seconds=number(values, "GOVCRAWL_REDIS_IDLE_SECONDS", float, minimum=0),
            redis_run_wait_seconds=number(values, "GOVCRAWL_REDIS_RUN_WAIT_SECONDS", float, minimum=0),
            worker_heartbeat=number(values, "GOVCRAWL_WORKER_HEARTBEAT", float, minimum=1),
            worker_lost_seconds=number(values, "GOVCRAWL_WORKER_LOST_SECONDS", float, minimum=1),
            extract_processes=number(values, "GOVCRAWL_EXTRACT_PROCESSES", int, minimum=-1),
            extract_pool_after=number(values, "GOVCRAWL_EXTRACT_POOL_AFTER", int, minimum=0),
        )


def _items(settings: Mapping[str, Any]) -> list[tuple[str, Any]]:
    # A scrapy Settings iterates its keys like a mapping; a None value means "not set".
    return [(k, settings[k]) for k in settings if settings[k] is not None]


def number(settings: Mapping[str, Any], name: str, kind: type[int] | type[float], minimum: float) -> Any:
    """``settings[name]`` as an int or float of at least ``minimum`` (``-s`` gives strings)."""
    raw = settings[name]
    try:
        if isinstance(raw, bool):
            raise ValueError
        value = kind(raw)
    except (TypeError, ValueError):
        raise ConfigError(f"{name} must be a number, not {raw!r}") from None
    if value < minimum:
        raise ConfigError(f"{name} must be at least {minimum}, not {raw!r}")
    return value


def flag(settings: Mapping[str, Any], name: str) -> bool:
    """``settings[name]`` as a bool; ``-s NAME=0/1/true/false`` is accepted."""
    raw = settings[name]
    if isinstance(raw, bool):
        return raw
    word = str(raw).strip().lower()
    if word in ("1", "true", "yes", "on"):
        return True
    if word in ("0", "false", "no", "off", ""):
        return False
    raise ConfigError(f"{name} must be true or false, not {raw!r}")


def strings(settings: Mapping[str, Any], name: str) -> list[str]:
    """``settings[name]`` as a list of strings; ``-s NAME=a,b`` is split on commas."""
    raw = settings[name]
    if isinstance(raw, str):
        return [part.strip() for part in raw.split(",") if part.strip()]
    if not isinstance(raw, list | tuple) or not all(isinstance(x, str) for x in raw):
        raise ConfigError(f"{name} must be a list of strings, not {raw!r}")
    return list(raw)


def web_addresses(settings: Mapping[str, Any], name: str) -> list[str]:
    """``settings[name]`` as a list of absolute http(s) URLs."""
    urls = strings(settings, name)
    wrong = [u for u in urls if not u.lower().startswith(("http://", "https://"))]
    if wrong:
        raise ConfigError(f"{name} must list http(s) addresses, not {', '.join(map(repr, wrong))}")
    return urls


def text(settings: Mapping[str, Any], name: str) -> str:
    """``settings[name]`` as a string."""
    raw = settings[name]
    if not isinstance(raw, str):
        raise ConfigError(f"{name} must be a string, not {raw!r}")
    return raw
