"""``scrapy schedule -a region=X [--scrapyd URL] [--systemd] [--install]``: a region's [schedule] as
crontab lines (default) or systemd timer units that call scrapyd's schedule.json.

Printed by default; ``--install`` replaces the region's block in the user's crontab (``crontab -``),
or writes the units to ``--unit-dir`` (default ~/.config/systemd/user) and prints the systemctl line
that enables them. Every call passes ``setting=GOVCRAWL_HOME=<this home>`` so all jobs of the region
share the home (and the database) this command sees. govcrawl itself never schedules anything.
"""

from __future__ import annotations

import argparse
import subprocess
from pathlib import Path

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from govcrawl.commands._args import named_args
from govcrawl.home import govcrawl_home, region_search_path
from govcrawl.regions import RegionError, load_region
from govcrawl.schedule import crontab_lines, merged_crontab, systemd_units


class Command(ScrapyCommand):
    requires_project = True
    requires_crawler_process = False

    def syntax(self) -> str:
        return "-a region=NAME_OR_PATH [--scrapyd URL] [--project NAME] [--systemd [--unit-dir DIR]] [--install]"

    def short_desc(self) -> str:
        return "Print (or install) the crontab lines or systemd timers of a region's [schedule]"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("-a", dest="args", action="append", default=[], metavar="NAME=VALUE",
                            help="region=NAME_OR_PATH (required)")
        parser.add_argument("--scrapyd", default="http://127.0.0.1:6800", help="scrapyd's URL")
        parser.add_argument("--project", default="govcrawl", help="the scrapyd project name")
        parser.add_argument("--systemd", action="store_true", help="systemd timer units instead of crontab lines")
        parser.add_argument("--unit-dir", default=str(Path.home() / ".config" / "systemd" / "user"),
                            help="where --install --systemd writes the units")
        parser.add_argument("--install", action="store_true", help="install instead of printing")

    def process_options(self, args: list[str], opts: argparse.Namespace) -> None:
        super().process_options(args, opts)
        opts.args = named_args(opts.args, ("region",))
        if "region" not in opts.args:
            raise UsageError("-a region=NAME_OR_PATH is required", print_help=False)

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        assert self.settings is not None
        name = opts.args["region"]
        try:
            region = load_region(name, region_search_path(self.settings))
        except RegionError as exc:
            raise UsageError(str(exc), print_help=False) from None
        if region.schedule is None:
            raise UsageError(f"{region.path}: no [schedule] table (see README, 'Operating under scrapyd')",
                             print_help=False)
        settings = {"GOVCRAWL_HOME": str(govcrawl_home(self.settings))}
        # scrapyd's jobs run elsewhere: a name resolves there the same way, a path must be absolute
        if region.path == Path(name):
            name = str(region.path.resolve())
        if opts.systemd:
            units = systemd_units(region.code, name, region.schedule, opts.scrapyd, opts.project, settings)
            if opts.install:
                folder = Path(opts.unit_dir)
                folder.mkdir(parents=True, exist_ok=True)
                for file_name, text in units.items():
                    (folder / file_name).write_text(text, encoding="utf-8")
                timers = " ".join(n for n in units if n.endswith(".timer"))
                print(f"wrote {len(units)} units to {folder}; enable them with:\n"
                      f"systemctl --user daemon-reload && systemctl --user enable --now {timers}")
            else:
                print("\n".join(f"# --- {file_name}\n{text}" for file_name, text in units.items()))
            return
        block = crontab_lines(region.code, name, region.schedule, opts.scrapyd, opts.project, settings)
        if not opts.install:
            print("\n".join(block))
            return
        listed = subprocess.run(["crontab", "-l"], capture_output=True, text=True, check=False)
        current = listed.stdout if listed.returncode == 0 else ""  # no crontab yet: crontab -l fails
        subprocess.run(["crontab", "-"], input=merged_crontab(current, block, region.code), text=True, check=True)
        print(f"installed {len(block) - 2} crontab lines for {region.code}")
