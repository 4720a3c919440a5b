"""Load and validate a region file (a path, or a name under GOVCRAWL_HOME/regions or among the bundled
regions: govcrawl/home.py; format in DESIGN.md).

Every mistake is reported with the file, the line, the entry and the field, and all mistakes are
collected before the crawl is refused, so an inspector fixes the file in one pass.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from govcrawl.config import PROCESS_WIDE, threshold_defaults
from govcrawl.home import region_search_path
from govcrawl.schedule import Schedule, parse_schedule

SITE_CODE_RE = re.compile(r"^(?:\d{10}|bm\d{8})$", re.IGNORECASE)
RENDER_MODES = ("auto", "always", "never")
#: what a file name cannot hold on the machines an annex is read on (Windows' rules are the strictest)
_UNSAFE_NAME_RE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]')
_HEADER_RE = re.compile(r"^\s*\[\[\s*(sites|accounts)\s*\]\]")
_TABLE_RE = re.compile(r"^\s*\[")
_KEY_RE = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_-]*)\s*=")


class RegionError(ValueError):
    """A region file that cannot be used; ``problems`` lists every mistake found."""

    def __init__(self, path: Path, problems: list[str]) -> None:
        self.path = path
        self.problems = problems
        super().__init__(f"{path}: " + "; ".join(problems) if len(problems) == 1
                         else f"{path}: {len(problems)} problems:\n  " + "\n  ".join(problems))


@dataclass(frozen=True)
class Site:
    """One government website of the region (a 附件1 unit)."""

    name: str
    url: str
    site_code: str
    owner: str
    max_pages: int | None = None
    render: str | None = None
    hosts: tuple[str, ...] = ()
    thresholds: Mapping[str, Any] = field(default_factory=dict)

    @property
    def host(self) -> str:
        return urlsplit(self.url).hostname or ""

    @property
    def all_hosts(self) -> tuple[str, ...]:
        return (self.host, *[h for h in self.hosts if h != self.host])


@dataclass(frozen=True)
class Account:
    """One 政务新媒体 account (a 附件2 unit) and the feed its posts are read from."""

    name: str
    platform: str
    owner: str
    feed: str
    interaction: bool


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    path: Path
    sites: tuple[Site, ...]
    accounts: tuple[Account, ...]
    thresholds: Mapping[str, Any] = field(default_factory=dict)
    schedule: Schedule | None = None  # the [schedule] table (govcrawl/schedule.py), None when absent
    basis: str = ""
    requirements: str = ""
    #: 加分项: points added to a unit's score (site_code or account name); empty unless the file has [bonus]
    bonus: Mapping[str, float] = field(default_factory=dict)

    def site(self, site_code: str) -> Site:
        for site in self.sites:
            if site.site_code == site_code:
                return site
        raise KeyError(site_code)

    def account(self, name: str) -> Account:
        for account in self.accounts:
            if account.name == name:
                return account
        raise KeyError(name)


_SITE_KEYS = {"name": str, "url": str, "site_code": str, "owner": str, "max_pages": int, "render": str,
              "hosts": list, "thresholds": dict}
_SITE_REQUIRED = ("name", "url", "site_code", "owner")
_ACCOUNT_KEYS = {"name": str, "platform": str, "owner": str, "feed": str, "interaction": bool}
_ACCOUNT_REQUIRED = ("name", "platform", "owner", "feed", "interaction")
# basis: the office's own document the 通报 cites beside 国办秘函〔2019〕19号; requirements: its 工作要求
_REGION_KEYS = {"code": str, "name": str, "basis": str, "requirements": str}


RegionDirs = str | Path | Traversable | Sequence[Path | Traversable] | None


def resolve_path(region: str, regions_dir: RegionDirs = None) -> Path | Traversable:
    """``region`` is a path to a TOML file, or a name looked up in ``regions_dir`` (one folder or
    several, first match wins; default: GOVCRAWL_HOME/regions, then the bundled regions)."""
    candidate = Path(region)
    if candidate.suffix == ".toml" or candidate.is_file():
        return candidate
    if regions_dir is None:
        folders: Sequence[Path | Traversable] = region_search_path()
    elif isinstance(regions_dir, str | Path | Traversable):
        folders = [Path(regions_dir) if isinstance(regions_dir, str) else regions_dir]
    else:
        folders = regions_dir
    found = [folder / f"{region}.toml" for folder in folders]
    return next((path for path in found if path.is_file()), found[0])


def load_region(region: str | Path, regions_dir: RegionDirs = None) -> Region:
    """Read and validate a region file; raise RegionError naming every mistake."""
    found = resolve_path(str(region), regions_dir)
    path = Path(str(found))
    try:
        raw_text = found.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RegionError(path, [f"no region file (looked for {path})"]) from None
    except UnicodeDecodeError as exc:
        raise RegionError(path, [f"not UTF-8 text ({exc.reason} at byte {exc.start})"]) from None
    except OSError as exc:  # a folder, no permission, an I/O error
        raise RegionError(path, [f"cannot read the region file ({exc.strerror or exc})"]) from None
    try:
        data = tomllib.loads(raw_text)
    except tomllib.TOMLDecodeError as exc:
        raise RegionError(path, [f"not valid TOML: {exc}"]) from None
    return _Validator(path, raw_text.splitlines()).region(data)


class _Validator:
    """Checks parsed TOML against the contract, finding line numbers in the raw text."""

    def __init__(self, path: Path, lines: list[str]) -> None:
        self.path = path
        self.lines = lines
        self.problems: list[str] = []
        self.defaults = threshold_defaults()

    # -- locating ------------------------------------------------------------------------------
    def _entry_span(self, table: str, index: int | None) -> tuple[int, int]:
        """Line range (0-based, end exclusive) of ``[region]``/``[[sites]]`` entry ``index``."""
        starts: list[int] = []
        for no, line in enumerate(self.lines):
            m = _HEADER_RE.match(line)
            if (index is None and re.match(rf"^\s*\[\s*{table}\s*\]", line)) or (m and m.group(1) == table):
                starts.append(no)
        pos = 0 if index is None else index
        if pos >= len(starts):
            return (0, len(self.lines))
        start = starts[pos]
        end = next((n for n in range(start + 1, len(self.lines))
                    if _TABLE_RE.match(self.lines[n]) and not re.match(rf"^\s*\[\s*{table}\.", self.lines[n])),
                   len(self.lines))
        return (start, end)

    def _line_of(self, table: str, index: int | None, key: str | None) -> int:
        start, end = self._entry_span(table, index)
        if key is not None:
            for no in range(start, end):
                m = _KEY_RE.match(self.lines[no])
                if m and m.group(1) == key:
                    return no + 1
        return start + 1

    def _problem(self, table: str, index: int | None, key: str | None, label: str, message: str) -> None:
        line = self._line_of(table, index, key)
        where = f"line {line}, {label}"
        self.problems.append(f"{where}, field '{key}': {message}" if key else f"{where}: {message}")

    # -- checking ------------------------------------------------------------------------------
    def _typed(self, entry: Mapping[str, Any], schema: Mapping[str, type], required: tuple[str, ...],
               table: str, index: int | None, label: str) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key in required:
            if key not in entry:
                self._problem(table, index, None, label, f"missing required field '{key}'")
        for key, value in entry.items():
            expected = schema.get(key)
            if expected is None:
                allowed = ", ".join(schema)
                self._problem(table, index, key, label, f"unknown key (allowed: {allowed})")
                continue
            if expected is int and (isinstance(value, bool) or not isinstance(value, int)):
                self._problem(table, index, key, label, f"must be an integer, not {value!r}")
            elif expected is not int and not isinstance(value, expected):
                self._problem(table, index, key, label,
                              f"must be {_type_name(expected)}, not {type(value).__name__} {value!r}")
            elif expected is str and not value.strip():
                self._problem(table, index, key, label, "must not be empty")
            else:
                out[key] = value.strip() if isinstance(value, str) else value
        return out

    def _url(self, value: str, table: str, index: int, key: str, label: str) -> None:
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            self._problem(table, index, key, label, f"must be an http(s) URL, not {value!r}")

    def thresholds(self, raw: Any, table: str, index: int | None, label: str) -> dict[str, Any]:
        if not isinstance(raw, dict):
            return {}
        out: dict[str, Any] = {}
        for key, value in raw.items():
            name = key if key.startswith("GOVCRAWL_") else f"GOVCRAWL_{key.upper()}"
            if name in PROCESS_WIDE:
                self._problem(table, index, key, label, f"{name} is a process-wide setting, the same for every "
                              f"site of a run: pass it on the command line with -s {name}=VALUE")
                continue
            if name not in self.defaults:
                self._problem(table, index, key, label, "unknown threshold (not a GOVCRAWL_ setting)")
                continue
            message = _type_mismatch(self.defaults[name], value)
            if message:
                self._problem(table, index, key, label, message)
                continue
            default = self.defaults[name]
            out[name] = {**default, **value} if isinstance(default, dict) else value
        return out

    def region(self, data: dict[str, Any]) -> Region:
        for key in data:
            if key not in ("region", "sites", "accounts", "thresholds", "schedule", "bonus"):
                self.problems.append(f"line {self._top_line(key)}: unknown table [{key}] "
                                     "(allowed: region, sites, accounts, thresholds, schedule, bonus)")
        head = data.get("region")
        if not isinstance(head, dict):
            self.problems.append("line 1: missing [region] table with code and name")
            head = {}
        info = self._typed(head, _REGION_KEYS, ("code", "name"), "region", None, "[region]")
        code = info.get("code", "")
        if code and not re.fullmatch(r"[A-Za-z0-9_-]+", code):
            self._problem("region", None, "code", "[region]",
                          "must be letters, digits, '-' or '_' (it names the output folder)")
        name = info.get("name", "")
        if name and (_UNSAFE_NAME_RE.search(name) or name.strip(". ") != name):
            self._problem("region", None, "name", "[region]",
                          "must not contain \\ / : * ? \" < > | or control characters, nor start or end with a dot "
                          "or a space (it names the annex files)")
        thresholds = self.thresholds(data.get("thresholds", {}), "thresholds", None, "[thresholds]")
        schedule = self._schedule(data.get("schedule"))
        sites = self._sites(data.get("sites", []))
        accounts = self._accounts(data.get("accounts", []))
        if not sites and not accounts and not self.problems:
            self.problems.append("line 1: the region lists no [[sites]] and no [[accounts]]")
        bonus = self._bonus(data.get("bonus", {}), sites, accounts)
        if self.problems:
            raise RegionError(self.path, self.problems)
        return Region(code=code, name=info["name"], path=self.path, sites=tuple(sites),
                      accounts=tuple(accounts), thresholds=thresholds, basis=info.get("basis", ""),
                      requirements=info.get("requirements", ""), bonus=bonus, schedule=schedule)

    def _bonus(self, table: Any, sites: Sequence[Site], accounts: Sequence[Account]) -> dict[str, float]:
        """[bonus]: 加分项, a unit (网站标识码 or account name) = its points; off (empty) by default."""
        if not isinstance(table, dict):
            self.problems.append(f"line {self._top_line('bonus')}: [bonus] must be a table: unit = points")
            return {}
        units = {site.site_code for site in sites} | {account.name for account in accounts}
        bonus: dict[str, float] = {}
        for unit, points in table.items():
            if unit not in units:
                self.problems.append(f"line {self._top_line('bonus')}, [bonus]: '{unit}' is no site_code or "
                                     "account name of this region")
            elif isinstance(points, bool) or not isinstance(points, int | float) or points < 0:
                self.problems.append(f"line {self._top_line('bonus')}, [bonus] '{unit}': points must be a "
                                     f"number ≥ 0, not {points!r}")
            else:
                bonus[unit] = float(points)
        return bonus

    def _schedule(self, raw: Any) -> Schedule | None:
        if raw is None:
            return None
        if not isinstance(raw, dict):
            self.problems.append(f"line {self._top_line('schedule')}: 'schedule' must be a table [schedule]")
            return None
        schedule, problems = parse_schedule(raw, int(self.defaults["GOVCRAWL_PROBE_MIN_DAILY"]))
        for key, message in problems:
            self._problem("schedule", None, key, "[schedule]", message)
        return schedule

    def _top_line(self, key: str) -> int:
        for no, line in enumerate(self.lines):
            if re.match(rf"^\s*\[+\s*{re.escape(key)}\b", line) or re.match(rf"^\s*{re.escape(key)}\s*=", line):
                return no + 1
        return 1

    def _entries(self, table: str, raw: Any) -> Iterator[tuple[int, str, dict[str, Any]]]:
        """Each table of an array of tables, with its index and the label problems name it by."""
        if not isinstance(raw, list):
            self.problems.append(f"line {self._top_line(table)}: '{table}' must be an array of tables [[{table}]]")
            return
        for index, entry in enumerate(raw):
            name = entry.get("name") if isinstance(entry, dict) else None
            label = f"[[{table}]] #{index + 1}" + (f" ({name})" if isinstance(name, str) else "")
            if isinstance(entry, dict):
                yield index, label, entry
            else:
                self.problems.append(f"{label}: must be a table")

    def _sites(self, raw: Any) -> list[Site]:
        sites: list[Site] = []
        seen_codes: dict[str, int] = {}
        seen_urls: dict[str, int] = {}
        for index, label, entry in self._entries("sites", raw):
            before = len(self.problems)
            values = self._typed(entry, _SITE_KEYS, _SITE_REQUIRED, "sites", index, label)
            if "url" in values:
                self._url(values["url"], "sites", index, "url", label)
            code = values.get("site_code")
            if code is not None and not SITE_CODE_RE.match(code):
                self._problem("sites", index, "site_code", label,
                              f"网站标识码 must be 10 digits or 'bm' + 8 digits, not {code!r}")
            if values.get("render") is not None and values["render"] not in RENDER_MODES:
                self._problem("sites", index, "render", label, f"must be one of {', '.join(RENDER_MODES)}")
            if values.get("max_pages") is not None and values["max_pages"] < 1:
                self._problem("sites", index, "max_pages", label, "must be at least 1")
            hosts = values.get("hosts", [])
            if not all(isinstance(h, str) and h for h in hosts):
                self._problem("sites", index, "hosts", label, "must be a list of host names")
                hosts = []
            if code is not None and code in seen_codes:
                self._problem("sites", index, "site_code", label,
                              f"duplicate site: site_code {code} is also [[sites]] #{seen_codes[code] + 1}")
            url_key = values.get("url", "").rstrip("/").lower()
            if url_key and url_key in seen_urls:
                self._problem("sites", index, "url", label,
                              f"duplicate site: url is also [[sites]] #{seen_urls[url_key] + 1}")
            thresholds = self.thresholds(entry.get("thresholds", {}), "sites", index, label)
            if len(self.problems) > before:
                continue
            seen_codes[code or ""] = index
            seen_urls[url_key] = index
            sites.append(Site(name=values["name"], url=values["url"], site_code=values["site_code"],
                              owner=values["owner"], max_pages=values.get("max_pages"),
                              render=values.get("render"), hosts=tuple(h.lower() for h in hosts),
                              thresholds=thresholds))
        return sites

    def _accounts(self, raw: Any) -> list[Account]:
        accounts: list[Account] = []
        seen: dict[tuple[str, str], int] = {}
        for index, label, entry in self._entries("accounts", raw):
            before = len(self.problems)
            values = self._typed(entry, _ACCOUNT_KEYS, _ACCOUNT_REQUIRED, "accounts", index, label)
            if "feed" in values:
                self._url(values["feed"], "accounts", index, "feed", label)
            key = (values.get("name", ""), values.get("platform", ""))
            if key in seen:
                self._problem("accounts", index, "name", label,
                              f"duplicate account: also [[accounts]] #{seen[key] + 1}")
            if len(self.problems) > before:
                continue
            seen[key] = index
            accounts.append(Account(**values))
        return accounts


def _type_name(expected: type) -> str:
    return {str: "a string", int: "an integer", bool: "true or false", list: "a list", dict: "a table"}.get(
        expected, expected.__name__)


def _type_mismatch(default: Any, value: Any) -> str | None:
    """Why ``value`` cannot replace ``default`` (None when it can)."""
    if isinstance(default, bool):
        return None if isinstance(value, bool) else f"must be true or false, not {value!r}"
    if isinstance(default, int):
        ok = isinstance(value, int) and not isinstance(value, bool)
        return None if ok else f"must be an integer, not {value!r}"
    if isinstance(default, float):
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        return None if ok else f"must be a number, not {value!r}"
    if isinstance(default, str):
        return None if isinstance(value, str) else f"must be a string, not {value!r}"
    if isinstance(default, list):
        return None if isinstance(value, list) else f"must be a list, not {value!r}"
    if isinstance(default, dict):
        if not isinstance(value, dict):
            return f"must be a table, not {value!r}"
        unknown = [k for k in value if k not in default]
        if unknown:
            return f"unknown keys {', '.join(unknown)} (allowed: {', '.join(default)})"
        for k, v in value.items():
            inner = _type_mismatch(default[k], v)
            if inner:
                return f"{k}: {inner}"
    return None
