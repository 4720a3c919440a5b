"""The lexicon engine's results, fixed: ``_lexicon.scan`` and ``_spam.judge`` over a large varied
corpus must give exactly what they gave when engine_golden.json was recorded, so that work on the
engine's speed cannot change a hit, a quote or a verdict.

The corpus: the benchmark's generated articles with every kind of lexicon term (typos and their
correct contexts, serious wording, abolished names, leader names misspelt next to their titles, spam
terms of each tier) inserted at random places, with markup, entities, spaces, ASCII words, bare
domains, invisible characters and spaced-out characters mixed in; the same articles in Traditional
Chinese and in full-width forms; the fixture sites' pages and the spam corpora of tests/rules; and,
where ../shared/realpages is present, the real pages, raw and as visible text.

A lexicon edit changes the results on purpose: record them again with
``python -m tests.rules.test_engine_golden --record`` (and review the diff of what changed first).
"""

from __future__ import annotations

import hashlib
import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from opencc import OpenCC
from scrapy import Selector

from govcrawl.devtools.bench_region import article_text
from govcrawl.extract.page import visible_text
from govcrawl.rules import _leaders
from govcrawl.rules._lexicon import FILES, entries, scan
from govcrawl.rules._spam import judge

HERE = Path(__file__).parent
GOLDEN = HERE / "engine_golden.json"
REPO = HERE.parent.parent
REALPAGES = REPO.parent / "shared" / "realpages"
SITES = REPO / "tests" / "sites"

_NOISE = (
    " ", "\n", "\u3000", "\u00a0", "&nbsp;", "&amp;", "&#x4e2d;", "&#20013;", "&lt;b&gt;", "<br>", "<span>",
    "</span>", "<div class='x'>", "</p><p>", "<!-- 注释 -->", "java", "AV", "ＡＶ", "ｗｗｗ．ａｂ８８．ｃｏｍ",
    "www.kkd88.com", "\u200b", "\u00ad", "百 家 乐", "彩 票", "|", "_", " - ", "！", "？", "；", "…", "Ⅴ", "ⅴ",
    "123", "x", "。", "，", "、", "(", ")", "《", "》", "\x00", "<", ">", "&", "Straße", "ǅ",
)


def _terms() -> list[str]:
    """Every lexicon form (wrong forms, correct contexts) and leader phrases, right and misspelt."""
    forms: list[str] = []
    for kind in FILES:
        for entry in entries(kind):
            forms.append(entry.wrong)
            forms.extend(entry.contexts)
    for leader in _leaders.leaders():
        for title in leader.titles:
            forms.append(leader.name + title)
            forms.append(title + leader.name)
            for i, char in enumerate(leader.name):
                for similar in sorted(_leaders.shapes().get(char, ()))[:2]:
                    forms.append(leader.name[:i] + similar + leader.name[i + 1:] + title)
    return forms


def _seeded(rng: random.Random, terms: list[str], count: int) -> str:
    text = article_text(rng, rng.randint(500, 6000))
    for _ in range(count):
        piece = rng.choice(terms) if rng.random() < 0.7 else rng.choice(_NOISE)
        at = rng.randint(0, len(text))
        text = text[:at] + piece + text[at:]
    return text


def _fullwidth(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" and c not in "<>" else c for c in text)


def _decoded(raw: bytes) -> str:
    for encoding in ("utf-8", "gb18030", "big5"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", errors="replace")


def corpus() -> Iterator[tuple[str, str]]:
    """(name, text) of every text of the corpus, always in the same order."""
    rng = random.Random(20261203)
    terms = _terms()
    to_traditional = OpenCC("s2t").convert
    for n in range(300):
        text = _seeded(rng, terms, rng.choice((0, 1, 3, 10, 40)))
        yield f"seeded-{n}", text
        if n % 5 == 0:
            yield f"traditional-{n}", str(to_traditional(text))
        if n % 7 == 0:
            yield f"fullwidth-{n}", _fullwidth(text)
    for n, term in enumerate(terms):
        yield f"term-{n}", term
    for name in ("spam.txt", "legit.txt"):
        for n, line in enumerate((HERE / "spam_corpus" / name).read_text(encoding="utf-8").splitlines()):
            yield f"spam_corpus/{name}:{n}", line
    for path in sorted(SITES.rglob("*.html")):
        raw = _decoded(path.read_bytes())
        yield f"sites/{path.relative_to(SITES)}", visible_text(Selector(text=raw))
    for path in sorted(REALPAGES.glob("*.html")) if REALPAGES.is_dir() else []:
        raw = _decoded(path.read_bytes())
        yield f"realpages/{path.name}", raw
        yield f"realpages/{path.name}:text", visible_text(Selector(text=raw))


def results(text: str) -> str:
    """scan() (with the default and a short quote limit) and judge() (two thresholds) of ``text``."""
    return repr((scan(text), scan(text, quote_limit=24), judge(text), judge(text, threshold=2)))


def digest(text: str) -> str:
    return hashlib.sha256(results(text).encode()).hexdigest()[:20]


def record() -> None:
    golden = {name: digest(text) for name, text in corpus()}
    GOLDEN.write_text(json.dumps(golden, ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def golden() -> dict[str, str]:
    loaded: dict[str, str] = json.loads(GOLDEN.read_text(encoding="utf-8"))
    return loaded


def test_corpus_reaches_every_kind_of_result() -> None:
    kinds: set[str] = set()
    verdicts: set[bool] = set()
    for name, text in corpus():
        if name.startswith(("seeded-", "traditional-", "fullwidth-")):
            kinds.update(hit.kind for hit in scan(text))
            verdicts.add(judge(text).spam)
    assert kinds == {"typo", "serious", "abolished", "leader"} and verdicts == {True, False}


def test_results_are_those_recorded(golden: dict[str, str]) -> None:
    changed = [name for name, text in corpus() if golden.get(name) != digest(text)]
    assert not changed, f"{len(changed)} texts changed, first: {changed[:10]}"


if __name__ == "__main__" and sys.argv[1:] == ["--record"]:
    record()
