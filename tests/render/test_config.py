"""RenderConfig.from_settings and the add-on: validated settings, browser wiring only with Chromium."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from scrapy.settings import Settings

from govcrawl import settings as project_settings
from govcrawl.regions import Site
from govcrawl.render.addon import RenderAddon, rendering_installed
from govcrawl.render.config import RenderConfig, RenderConfigError


def _settings(**overrides: object) -> Settings:
    settings = Settings()
    settings.setmodule(project_settings, priority="project")
    settings.update(overrides, priority="cmdline")
    return settings


@pytest.fixture
def fake_chromium(tmp_path: Path) -> str:
    path = tmp_path / "chromium"
    path.write_text("#!/bin/sh\n")
    path.chmod(0o755)
    return str(path)


def test_defaults_read_into_typed_values(fake_chromium: str) -> None:
    config = RenderConfig.from_settings(_settings(GOVCRAWL_CHROMIUM_PATH=fake_chromium))
    assert config.available and config.mode == "auto"
    assert config.max_rendered_pages == project_settings.GOVCRAWL_MAX_RENDERED_PAGES
    assert config.launch_options()["executable_path"] == fake_chromium
    assert "--no-sandbox" in config.launch_options()["args"]


def test_command_line_strings_are_converted(fake_chromium: str) -> None:
    config = RenderConfig.from_settings(_settings(
        GOVCRAWL_CHROMIUM_PATH=fake_chromium, GOVCRAWL_MAX_RENDERED_PAGES="7", GOVCRAWL_RENDER="Always",
        GOVCRAWL_SCREENSHOTS="false", GOVCRAWL_RENDER_BLOCK_RESOURCES="image,font"))
    assert (config.max_rendered_pages, config.mode, config.screenshots) == (7, "always", False)
    assert config.block_resources == ("image", "font")


@pytest.mark.parametrize(("name", "value", "message"), [
    ("GOVCRAWL_RENDER", "sometimes", "GOVCRAWL_RENDER must be one of auto, always, never"),
    ("GOVCRAWL_MAX_RENDERED_PAGES", "many", "GOVCRAWL_MAX_RENDERED_PAGES must be a number"),
    ("GOVCRAWL_RENDER_PAGES_PER_SITE", 0, "GOVCRAWL_RENDER_PAGES_PER_SITE must be at least 1"),
    ("GOVCRAWL_RENDER_SCRIPT_RATIO", 1.5, "share of the page text"),
    ("GOVCRAWL_SCREENSHOTS", "maybe", "GOVCRAWL_SCREENSHOTS must be true or false"),
    ("GOVCRAWL_CHROMIUM_ARGS", [1, 2], "GOVCRAWL_CHROMIUM_ARGS must be a list of strings"),
])
def test_bad_values_fail_loudly(name: str, value: object, message: str) -> None:
    with pytest.raises(RenderConfigError, match=message):
        RenderConfig.from_settings(_settings(**{name: value}))


def test_missing_chromium_disables_rendering_without_error(tmp_path: Path) -> None:
    config = RenderConfig.from_settings(_settings(GOVCRAWL_CHROMIUM_PATH=str(tmp_path / "nothing")))
    assert not config.available
    assert "no Chromium at" in config.unavailable


def test_site_mode_overrides_the_region_default(fake_chromium: str) -> None:
    config = RenderConfig.from_settings(_settings(GOVCRAWL_CHROMIUM_PATH=fake_chromium))
    site = Site(name="x", url="http://127.0.1.1/", site_code="3307990001", owner="x")
    assert config.site_mode(site) == "auto"
    assert config.site_mode(Site(name="x", url="http://127.0.1.1/", site_code="3307990001", owner="x",
                                 render="never")) == "never"


def test_addon_installs_the_browser_only_with_chromium(fake_chromium: str, tmp_path: Path,
                                                       caplog: pytest.LogCaptureFixture) -> None:
    with_browser = _settings(GOVCRAWL_CHROMIUM_PATH=fake_chromium)
    RenderAddon(crawler=None).update_settings(with_browser)  # type: ignore[arg-type]
    assert rendering_installed(with_browser)
    assert with_browser.getdict("PLAYWRIGHT_LAUNCH_OPTIONS")["executable_path"] == fake_chromium
    middlewares = with_browser.getdict("DOWNLOADER_MIDDLEWARES")
    assert middlewares["govcrawl.render.middleware.BrowserSessionMiddleware"] == 650
    assert "govcrawl.middlewares.guard.AddressGuardMiddleware" in middlewares  # project's kept

    without = _settings(GOVCRAWL_CHROMIUM_PATH=str(tmp_path / "nothing"))
    with caplog.at_level(logging.WARNING, logger="govcrawl.render.addon"):
        RenderAddon(crawler=None).update_settings(without)  # type: ignore[arg-type]
    assert not rendering_installed(without)
    assert [r.getMessage() for r in caplog.records if "rendering is off" in r.getMessage()]


def test_addon_stays_quiet_when_rendering_is_switched_off(fake_chromium: str,
                                                          caplog: pytest.LogCaptureFixture) -> None:
    settings = _settings(GOVCRAWL_CHROMIUM_PATH=fake_chromium, GOVCRAWL_RENDER="never")
    with caplog.at_level(logging.WARNING, logger="govcrawl.render.addon"):
        RenderAddon(crawler=None).update_settings(settings)  # type: ignore[arg-type]
    assert not rendering_installed(settings)
    assert not caplog.records
