"""Where a deployment keeps its files: GOVCRAWL_HOME, the region search path, the process umask.

GOVCRAWL_HOME is one absolute folder holding ``regions/`` (the office's region files) and, per region
code, the database, the annexes and the evidence. Every job of a region (probe, gov, newmedia, annex)
therefore shares one database whether it runs from a checkout or from scrapyd's egg, and a region
*name* means the same file in both. It is taken from the ``GOVCRAWL_HOME`` setting, else the
``GOVCRAWL_HOME`` environment variable (what a scrapyd service unit sets once), else ``output/``
beside the project's scrapy.cfg, else ``output/`` in the working folder.

A region name is looked up in ``GOVCRAWL_HOME/regions/`` first, then among the regions bundled in
the package (package data, so they travel inside the egg).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Mapping
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

__all__ = ["bundled_regions", "file_mode", "govcrawl_home", "region_search_path"]

HOME_ENV = "GOVCRAWL_HOME"
_umask_lock = threading.Lock()


def govcrawl_home(settings: Mapping[str, Any] | None = None) -> Path:
    """The absolute GOVCRAWL_HOME of this process (see the module docstring for the order)."""
    configured = str((settings or {}).get("GOVCRAWL_HOME") or os.environ.get(HOME_ENV) or "")
    if configured:
        return Path(configured).expanduser().resolve()
    from scrapy.utils.conf import closest_scrapy_cfg

    cfg = closest_scrapy_cfg()
    return (Path(cfg).parent if cfg else Path.cwd()).resolve() / "output"


def bundled_regions() -> Traversable:
    """The folder of region files shipped in the package (inside the egg under scrapyd)."""
    return files("govcrawl.bundled").joinpath("regions")


def region_search_path(settings: Mapping[str, Any] | None = None) -> tuple[Path | Traversable, ...]:
    """Where a region name is looked for, in order: GOVCRAWL_HOME/regions, then the bundled regions."""
    return (govcrawl_home(settings) / "regions", bundled_regions())


def file_mode(base: int = 0o666) -> int:
    """``base`` less the process umask: the mode ``open()`` would give a new file (0644 under the
    usual umask 022). Files made by mkstemp are 0600 whatever the umask, so writers that create a
    temporary file and rename it apply this mode before the rename."""
    with _umask_lock:  # os.umask can only be read by setting it; restore it at once
        mask = os.umask(0o022)
        os.umask(mask)
    return base & ~mask
