"""extract_page gives the same facts as when the digests were recorded, page by page and field by field.

Extraction is rewritten for speed (compiled XPaths, lxml elements instead of Selectors, facts read once
a page); this test holds such work to "not one extracted fact changed", over the real pages and a
generated bench site. Each page's facts are stored as one short digest per PageFacts field in
tests/extract/data/facts_digests.json, so a failure names the page and the fields that changed.

A deliberate change of what extraction finds changes digests too: after checking the new facts
(``scrapy explain``, the other tests), record them again with
``.venv/bin/python -m tests.extract.test_facts_stable`` and say so in the commit.
"""

from __future__ import annotations

import hashlib
import json
import pickle
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from govcrawl.devtools.bench_region import AS_OF, write_region
from govcrawl.extract.charset import decode_html
from govcrawl.extract.page import PageFacts, extract_page, facts_to_json
from govcrawl.settings import GOVCRAWL_COLUMN_CLASSES
from tests.extract._helpers import REALPAGES, manifest

DIGESTS = Path(__file__).parent / "data" / "facts_digests.json"
_HOST = "127.0.9.1"
_BENCH_PAGES = 40


def _facts(html: str, url: str, host: str, is_home: bool) -> PageFacts:
    return extract_page(html, url, is_home=is_home, site_hosts=[host], classes=GOVCRAWL_COLUMN_CLASSES, as_of=AS_OF)


def _pages(bench: Path) -> Iterator[tuple[str, PageFacts]]:
    """(name, facts) of every real page (when the shared folder is there) and every page of a
    generated bench site written under ``bench``."""
    for row in manifest():
        html, _ = decode_html((REALPAGES / row["file"]).read_bytes())
        home = row["kind"] == "home"
        url = f"http://{row['site']}/" if home else f"http://{row['site']}/a/b/c.html"
        yield f"realpages/{row['file']}", _facts(html, url, row["site"], home)
    write_region(bench, "419900", [_HOST], 8080, _BENCH_PAGES)
    for path in sorted(bench.rglob("*.html")):
        relative = path.relative_to(bench / "site0").as_posix()
        html, _ = decode_html(path.read_bytes())
        yield f"bench/{relative}", _facts(html, f"http://{_HOST}/{relative}", _HOST, relative == "index.html")


def _digests(facts: PageFacts) -> dict[str, str]:
    data = facts_to_json(facts)
    return {field: hashlib.sha256(json.dumps(value, ensure_ascii=False, sort_keys=True).encode()).hexdigest()[:12]
            for field, value in data.items()}


def test_facts_unchanged(tmp_path: Path) -> None:
    recorded: dict[str, dict[str, str]] = json.loads(DIGESTS.read_text(encoding="utf-8"))
    seen = {}
    changed = []
    for name, facts in _pages(tmp_path):
        seen[name] = _digests(facts)
        assert pickle.loads(pickle.dumps(facts)) == facts  # a worker process sends PageFacts back pickled
    if not manifest():
        recorded = {k: v for k, v in recorded.items() if not k.startswith("realpages/")}
        if not recorded:
            pytest.skip(f"real pages not available: {REALPAGES}")
    assert sorted(seen) == sorted(recorded)
    for name, digests in seen.items():
        fields = sorted(f for f in digests if digests[f] != recorded[name].get(f))
        if fields:
            changed.append(f"{name}: {', '.join(fields)}")
    assert not changed, "extracted facts changed:\n" + "\n".join(changed)


def record() -> None:
    """Write the digests of the facts extract_page gives now (see the module docstring)."""
    with tempfile.TemporaryDirectory() as folder:
        digests = {name: _digests(facts) for name, facts in _pages(Path(folder))}
    lines = [f"{json.dumps(name, ensure_ascii=False)}: {json.dumps(digests[name], sort_keys=True)}"
             for name in sorted(digests)]
    DIGESTS.write_text("{\n" + ",\n".join(lines) + "\n}\n", encoding="utf-8")  # one page a line
    print(f"{len(digests)} pages recorded in {DIGESTS}")


if __name__ == "__main__":
    record()
