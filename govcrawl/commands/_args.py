"""The ``-a NAME=VALUE`` options of the project's commands, parsed and checked one way.

Plain functions and a mixin, not a base command class: Scrapy takes every ScrapyCommand subclass
defined in a module of the commands package for a command of that module's name."""

from __future__ import annotations

import argparse
from collections.abc import Collection, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError
from scrapy.utils.conf import arglist_to_dict

from govcrawl.config import CrawlConfig
from govcrawl.home import region_search_path
from govcrawl.regions import Region, RegionError, load_region


def named_args(pairs: list[str], allowed: Collection[str]) -> dict[str, str]:
    """``pairs`` (each NAME=VALUE) as a dict; a malformed pair or a name not in ``allowed`` is a
    UsageError naming what is allowed."""
    try:
        args: dict[str, str] = arglist_to_dict(pairs)
    except ValueError:
        raise UsageError("Invalid -a value, use -a NAME=VALUE", print_help=False) from None
    unknown = set(args) - set(allowed)
    if unknown:
        raise UsageError(f"unknown argument(s) {', '.join(sorted(unknown))} (allowed: {', '.join(allowed)})",
                         print_help=False)
    return args


def date_arg(args: Mapping[str, str], name: str) -> date | None:
    """``args[name]`` as a date (None when absent); not YYYY-MM-DD is a UsageError."""
    if name not in args:
        return None
    try:
        return date.fromisoformat(args[name])
    except ValueError:
        raise UsageError(f"{name} must be YYYY-MM-DD, not {args[name]!r}", print_help=False) from None


INSPECTION_HELP = ("region=NAME_OR_PATH (required), as_of=YYYY-MM-DD (default: newest run), "
                   "previous=YYYY-MM-DD (整改 compared with; default: the latest earlier run)")


def inspection_args(pairs: list[str]) -> tuple[dict[str, str], date | None, date | None]:
    """The options of a command over one stored inspection (``scrapy annex``, ``scrapy report``):
    the named args (region required), as_of and previous."""
    args = named_args(pairs, ("region", "as_of", "previous"))
    if "region" not in args:
        raise UsageError("-a region=NAME_OR_PATH is required", print_help=False)
    return args, date_arg(args, "as_of"), date_arg(args, "previous")


if TYPE_CHECKING:  # the mixin's super() calls reach ScrapyCommand; at run time it must not be one
    _CommandBase = ScrapyCommand
else:
    _CommandBase = object


class InspectionCommand(_CommandBase):
    """Mixin (before ScrapyCommand) of a command over one stored inspection (``scrapy annex``,
    ``scrapy report``): its ``-a`` options, parsed into ``opts.args``, ``opts.as_of`` and
    ``opts.previous``; no crawl."""

    requires_project = True
    requires_crawler_process = False

    def syntax(self) -> str:
        return "-a region=NAME_OR_PATH [-a as_of=YYYY-MM-DD] [-a previous=YYYY-MM-DD]"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("-a", dest="args", action="append", default=[], metavar="NAME=VALUE",
                            help=INSPECTION_HELP)

    def process_options(self, args: list[str], opts: argparse.Namespace) -> None:
        super().process_options(args, opts)
        opts.args, opts.as_of, opts.previous = inspection_args(opts.args)


def region_and_config(opts: argparse.Namespace, settings: Mapping[str, Any]) -> tuple[Region, CrawlConfig]:
    """The region the options name (a bad region file is a UsageError) and the crawl configuration."""
    try:
        region = load_region(opts.args["region"], region_search_path(settings))
    except RegionError as exc:
        raise UsageError(str(exc), print_help=False) from None
    return region, CrawlConfig.from_settings(settings)
