"""``scrapy rules [ID] [-a region=X]``: the rules govcrawl runs, and the settings each reads.

Without ID it lists every rule of the registry (id, 问题类型, 指标类别, scope) with the settings it
reads and their values; with ID it prints that rule's docstring (its user documentation) and the
same settings. Values are those of the crawl's settings (defaults, ``-s``); with ``-a region=X``
the region's ``[thresholds]`` are applied and each site whose own thresholds differ is shown
under the setting, so an inspector sees exactly what a site is judged by.
"""

from __future__ import annotations

import argparse
import inspect
import json
from collections.abc import Mapping
from typing import Any, ClassVar

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from govcrawl.commands._args import named_args
from govcrawl.home import region_search_path
from govcrawl.model.conf import settings_in_force
from govcrawl.regions import Region, RegionError, load_region
from govcrawl.rules import RULES
from govcrawl.rules.base import RuleModule


def _show(value: Any) -> str:
    """A setting's value as a person reads it (JSON, Chinese left as is)."""
    return json.dumps(value, ensure_ascii=False, default=str)


def categories(rule: RuleModule) -> str:
    """扣分, 单项否决, or both (扣分/单项否决) for a rule that may yield both."""
    return "/".join((rule.CATEGORY, *rule.ALSO_YIELDS))


def settings_lines(rule: RuleModule, values: Mapping[str, Any], region: Region | None) -> list[str]:
    """One line per setting ``rule`` reads with its value in force (marked [region] when the
    region file sets it), then one indented line per site that overrides it."""
    if not rule.READS:
        return ["  (reads no setting)"]
    lines = []
    for name in rule.READS:
        value = region.thresholds[name] if region is not None and name in region.thresholds else values[name]
        origin = "  [region]" if region is not None and name in region.thresholds else ""
        lines.append(f"  {name} = {_show(value)}{origin}")
        for site in region.sites if region is not None else ():
            if name in site.thresholds:
                lines.append(f"      site {site.site_code} {site.name}: {_show(site.thresholds[name])}")
    return lines


def listing(rules: tuple[RuleModule, ...], values: Mapping[str, Any], region: Region | None) -> list[str]:
    """What ``scrapy rules`` prints: every rule with its settings."""
    lines = [f"region {region.code} ({region.name})" if region is not None else "defaults (no region given)"]
    for rule in rules:
        lines += ["", f"{rule.ID}  {rule.PROBLEM_TYPE}  {categories(rule)}  {rule.SCOPE}",
                  *settings_lines(rule, values, region)]
    return lines


def detail(rule: RuleModule, values: Mapping[str, Any], region: Region | None) -> list[str]:
    """What ``scrapy rules ID`` prints: the rule's docstring in full, then its settings."""
    head = f"{rule.ID}  {rule.PROBLEM_TYPE}  {categories(rule)}  scope {rule.SCOPE}"
    where = f" (region {region.code})" if region is not None else ""
    return [head, "", inspect.cleandoc(rule.__doc__ or ""), "", f"Settings in force{where}:",
            *settings_lines(rule, values, region)]


def find_rule(rule_id: str) -> RuleModule:
    for rule in RULES:
        if rule_id == rule.ID:
            return rule
    raise UsageError(f"unknown rule {rule_id!r} (known: {', '.join(r.ID for r in RULES)})", print_help=False)


class Command(ScrapyCommand):
    """List the rules with the settings they read, or print one rule's documentation."""

    requires_project = True
    default_settings: ClassVar[dict[str, Any]] = {"LOG_ENABLED": False}

    def syntax(self) -> str:
        return "[ID] [-a region=NAME_OR_PATH]"

    def short_desc(self) -> str:
        return "List the rules and the settings they read, or print one rule's documentation"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("-a", dest="args", action="append", default=[], metavar="NAME=VALUE",
                            help="region=NAME_OR_PATH: show the values a region and its sites are judged by")

    def process_options(self, args: list[str], opts: argparse.Namespace) -> None:
        super().process_options(args, opts)
        opts.args = named_args(opts.args, ("region",))

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        assert self.settings is not None
        if len(args) > 1:
            raise UsageError("give at most one rule id", print_help=False)
        rule = find_rule(args[0]) if args else None
        region = None
        if "region" in opts.args:
            try:
                region = load_region(opts.args["region"], region_search_path(self.settings))
            except RegionError as exc:
                raise UsageError(str(exc), print_help=False) from None
        values = settings_in_force(self.settings)
        print("\n".join(detail(rule, values, region) if rule else listing(RULES, values, region)))
