"""govcrawl/config.py: the process-wide/per-site split and CrawlConfig's checks."""

from __future__ import annotations

from pathlib import Path

import pytest
from scrapy.settings import Settings

from govcrawl import settings as project_settings
from govcrawl.config import PROCESS_WIDE, ConfigError, CrawlConfig, setting_defaults, threshold_defaults
from govcrawl.home import govcrawl_home
from govcrawl.rules import RULES


def scrapy_settings(**overrides: object) -> Settings:
    settings = Settings()
    settings.setmodule(project_settings)
    settings.setdict(overrides, priority="cmdline")
    return settings


def test_the_split_names_only_declared_settings_and_no_rule_reads_a_process_wide_one() -> None:
    assert PROCESS_WIDE.issubset(setting_defaults()), "the split names a setting settings.py lacks"
    assert set(threshold_defaults()) == set(setting_defaults()) - PROCESS_WIDE
    for rule in RULES:
        assert not set(rule.READS) & PROCESS_WIDE, rule.ID


def test_defaults_are_the_declared_values() -> None:
    config = CrawlConfig.from_settings(scrapy_settings())
    assert config.db_batch == project_settings.GOVCRAWL_DB_BATCH
    assert config.drop_query_params == tuple(project_settings.GOVCRAWL_DROP_QUERY_PARAMS)
    assert config.check_links is True and config.allow_private is False
    # OUTPUT_DIR is empty by default: output goes to GOVCRAWL_HOME (absolute)
    assert config.redis_url == "" and project_settings.OUTPUT_DIR == ""
    assert config.output_dir == str(govcrawl_home()) and Path(config.output_dir).is_absolute()


def test_command_line_strings_are_converted() -> None:
    config = CrawlConfig.from_settings(scrapy_settings(
        GOVCRAWL_CHECK_LINKS="0", GOVCRAWL_DB_BATCH="7", GOVCRAWL_DROP_QUERY_PARAMS="sid, t",
        GOVCRAWL_LINK_CHECK_TIMEOUT="2.5", REDIS_URL="redis://127.0.0.1:6379/0"))
    assert config.check_links is False and config.db_batch == 7
    assert config.drop_query_params == ("sid", "t") and config.link_check_timeout == 2.5
    assert config.redis_url == "redis://127.0.0.1:6379/0"


def test_the_network_canary_may_be_switched_to_the_region_s_own_servers() -> None:
    assert CrawlConfig.from_settings(scrapy_settings(GOVCRAWL_CANARY_URLS="")).canary_urls == ()
    assert CrawlConfig.from_settings(scrapy_settings()).canary_urls[0] == "https://www.gov.cn/"


@pytest.mark.parametrize(("name", "value", "message"), [
    ("GOVCRAWL_DB_BATCH", "0", "GOVCRAWL_DB_BATCH must be at least 1"),
    ("GOVCRAWL_DB_BATCH", "many", "GOVCRAWL_DB_BATCH must be a number"),
    ("GOVCRAWL_ALLOW_PRIVATE", "maybe", "GOVCRAWL_ALLOW_PRIVATE must be true or false"),
    ("GOVCRAWL_PROBE_TIMEOUT", True, "GOVCRAWL_PROBE_TIMEOUT must be a number"),
    ("GOVCRAWL_REDIS_KEY", "govcrawl:{spider}", "GOVCRAWL_REDIS_KEY must contain {region}"),
    ("GOVCRAWL_DROP_QUERY_PARAMS", [1, 2], "GOVCRAWL_DROP_QUERY_PARAMS must be a list of strings"),
    ("GOVCRAWL_CANARY_URLS", "www.gov.cn", "GOVCRAWL_CANARY_URLS must list http\\(s\\) addresses, not 'www.gov.cn'"),
    ("GOVCRAWL_MAX_URL_LENGTH", "10", "GOVCRAWL_MAX_URL_LENGTH must be at least 64"),
])
def test_a_bad_value_fails_naming_the_setting(name: str, value: object, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        CrawlConfig.from_settings(scrapy_settings(**{name: value}))
