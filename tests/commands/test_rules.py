"""``scrapy rules``: the listing and one rule's documentation, run directly and through the scrapy CLI."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import pytest
from scrapy.exceptions import UsageError
from scrapy.settings import Settings

from govcrawl import settings as project_settings
from govcrawl.commands.rules import Command
from govcrawl.rules import RULES, column_stale

REPO = Path(__file__).parents[1]
SCRAPY = Path(sys.executable).with_name("scrapy")
REGION_TOML = """[region]
code = "testland"
name = "测试市"

[thresholds]
GOVCRAWL_STALE_VETO_COUNT = 2

[[sites]]
name = "测试市人民政府"
url = "http://127.0.1.1/"
site_code = "4110000001"
owner = "测试市人民政府办公室"
thresholds = { GOVCRAWL_STALE_ANY_VETO_COUNT = 4 }

[[sites]]
name = "测试市教育局"
url = "http://127.0.1.2/"
site_code = "4110000002"
owner = "测试市教育局"
"""


def run(capsys: pytest.CaptureFixture[str], *argv: str, overrides: dict[str, object] | None = None) -> str:
    """The command's output for ``argv`` (rule ids and -a options), with the project's settings."""
    command = Command()
    command.settings = Settings()
    command.settings.setmodule(project_settings)
    command.settings.update(overrides or {}, priority="cmdline")
    parser = argparse.ArgumentParser()
    command.add_options(parser)
    opts, args = parser.parse_known_args(list(argv))
    command.process_options(args, opts)
    command.run(args, opts)
    return capsys.readouterr().out


@pytest.fixture
def region_file(tmp_path: Path) -> Path:
    path = tmp_path / "testland.toml"
    path.write_text(REGION_TOML, encoding="utf-8")
    return path


def test_listing_names_every_rule_with_its_settings_and_defaults(capsys: pytest.CaptureFixture[str]) -> None:
    out = run(capsys)
    assert out.startswith("defaults (no region given)")
    for rule in RULES:
        assert f"\n{rule.ID}  {rule.PROBLEM_TYPE}  " in out
        for name in rule.READS:
            assert f"  {name} = " in out
    assert "column_stale  栏目不更新  扣分/单项否决  site\n" in out
    assert "interaction  互动回应差  单项否决/扣分  site\n" in out
    assert f"  GOVCRAWL_STALE_VETO_COUNT = {project_settings.GOVCRAWL_STALE_VETO_COUNT}\n" in out
    assert "account_interaction  互动回应差  单项否决  account\n  (reads no setting)" in out


def test_command_line_settings_are_the_values_in_force(capsys: pytest.CaptureFixture[str]) -> None:
    out = run(capsys, "typos", overrides={"GOVCRAWL_QUOTE_CHARS": 33})
    assert "  GOVCRAWL_QUOTE_CHARS = 33\n" in out


def test_region_thresholds_and_site_overrides_are_shown(capsys: pytest.CaptureFixture[str],
                                                         region_file: Path) -> None:
    out = run(capsys, "-a", f"region={region_file}")
    assert out.startswith("region testland (测试市)")
    assert "  GOVCRAWL_STALE_VETO_COUNT = 2  [region]\n" in out
    default_any = project_settings.GOVCRAWL_STALE_ANY_VETO_COUNT
    assert (f"  GOVCRAWL_STALE_ANY_VETO_COUNT = {default_any}\n"
            "      site 4110000001 测试市人民政府: 4\n") in out
    assert "4110000002" not in out  # a site that overrides nothing is not listed


def test_one_rule_prints_its_docstring_and_settings(capsys: pytest.CaptureFixture[str], region_file: Path) -> None:
    out = run(capsys, "column_stale", "-a", f"region={region_file}")
    assert out.startswith("column_stale  栏目不更新  扣分/单项否决  scope site\n")
    doc = (column_stale.__doc__ or "").strip()
    assert doc.splitlines()[0] in out and "Fails:" in out and "Passes:" in out
    assert out.index("Reads:") < out.index("Settings in force (region testland):")
    assert "  GOVCRAWL_STALE_VETO_COUNT = 2  [region]" in out
    assert "GOVCRAWL_SPAM_SCORE" not in out


@pytest.mark.parametrize("argv", [("no_such_rule",), ("typos", "column_stale"), ("-a", "planet=mars"),
                                  ("-a", "region=/nonexistent/region.toml")])
def test_bad_usage_is_a_usage_error(capsys: pytest.CaptureFixture[str], argv: tuple[str, ...]) -> None:
    with pytest.raises(UsageError):
        run(capsys, *argv)


def scrapy(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(SCRAPY), "rules", *argv], cwd=REPO, capture_output=True, text=True, timeout=120,
                          check=False)


def test_through_the_scrapy_cli(region_file: Path) -> None:
    listing = scrapy("-a", f"region={region_file}")
    assert listing.returncode == 0, listing.stderr
    assert "column_stale  栏目不更新  扣分/单项否决  site" in listing.stdout
    assert "      site 4110000001 测试市人民政府: 4" in listing.stdout
    one = scrapy("home_stale")
    assert one.returncode == 0, one.stderr
    assert one.stdout.startswith("home_stale  首页不更新  单项否决  scope site\n")
    assert "Reads: GOVCRAWL_HOME_STALE_DAYS." in one.stdout


def test_an_unknown_rule_fails_through_the_cli() -> None:
    proc = scrapy("no_such_rule")
    assert proc.returncode != 0
    assert "unknown rule 'no_such_rule'" in proc.stderr
    assert proc.stdout.strip() == ""
