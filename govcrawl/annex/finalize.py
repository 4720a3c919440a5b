"""The annex each spider's run ends with, by spider name (the probe's runs end with none).

The export pipeline calls it when a crawl closes; ``scrapy annex`` calls it to rebuild from the
database alone. Both therefore write exactly the same workbook.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from sqlalchemy import Engine

from govcrawl.annex.accounts import finalize_accounts
from govcrawl.annex.base import AnnexResult
from govcrawl.annex.sites import finalize_run
from govcrawl.regions import Region

Finalizer = Callable[[Engine, int, Region, Mapping[str, Any], date | None], AnnexResult]

FINALIZERS: dict[str, Finalizer] = {"gov": finalize_run, "newmedia": finalize_accounts}
