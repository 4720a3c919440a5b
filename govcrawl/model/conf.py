"""Build the ``RuleConf`` one site or account is judged with.

The values in force are, in rising priority: the defaults of govcrawl.settings, the crawl's own
settings (``-s`` on the command line, a scrapyd job), the region file's ``[thresholds]`` and the
site's ``thresholds``. regions.py has already validated the region's overrides (per-site thresholds
only, right types) and merged table-valued overrides with their defaults.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from govcrawl.config import threshold_defaults
from govcrawl.model.rule_conf import RuleConf
from govcrawl.regions import Region, Site


def _plain(value: Any) -> Any:
    """Scrapy's Settings hands table-valued settings back as BaseSettings; rules read plain dicts."""
    copy_to_dict = getattr(value, "copy_to_dict", None)
    return copy_to_dict() if callable(copy_to_dict) else value


def settings_in_force(settings: Mapping[str, Any]) -> dict[str, Any]:
    """Every ``GOVCRAWL_…`` value of the crawl's settings (defaults, then ``-s``), before any region."""
    return {name: _plain(settings.get(name, default)) for name, default in threshold_defaults().items()}


def build_conf(settings: Mapping[str, Any], region: Region, site: Site | None, as_of: date) -> RuleConf:
    """The RuleConf of ``site`` (or of the region's accounts when ``site`` is None) on ``as_of``."""
    values = settings_in_force(settings)
    values.update(region.thresholds)
    if site is not None:
        values.update(site.thresholds)
    return RuleConf(as_of=as_of, values=values)
