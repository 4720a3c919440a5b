"""The content rules' word lists, shipped as package data (read through importlib.resources, so they
are found when the project runs from a zipped egg under scrapyd).

Every file is plain UTF-8 text, one entry per line, fields separated by a TAB; ``#`` starts a
comment (a whole line, or the rest of a line after a TAB); blank lines are skipped.

- typos.txt, serious.txt, abolished.txt: ``wrong<TAB>right<TAB>note[<TAB>context|context…]`` — the
  optional fourth field lists longer phrases that contain the wrong form and are correct (a hit
  inside one of them is not a hit): ``按装<TAB>安装<TAB><TAB>按装修|按装备``.
- spam.txt: ``term<TAB>tier<TAB>note`` with tier ``strong`` (spam wherever it stands), ``weak``
  (a point towards spam, with other terms and the shape of the string) or ``guard`` (a word of
  legitimate reporting or service: 打击, 查处, 办理 … — a sentence that holds one is not spam); the
  one spam vocabulary, judged by rules/_spam.py.
- leaders.txt: ``name<TAB>title|title…<TAB>note`` — Party and state leaders and the title words a
  misspelt name is judged next to.
- shapes.txt: ``char<TAB>similar characters<TAB>note`` — characters of leaders' names and the
  characters of similar shape they are mistaken for.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

__all__ = ["LexiconError", "Row", "read_rows"]


class LexiconError(ValueError):
    """A lexicon file has a line that does not parse."""


@dataclass(frozen=True)
class Row:
    """One entry line: the file, its line number and its TAB-separated fields (comment removed)."""

    source: str
    line: int
    fields: tuple[str, ...]


def parse_rows(text: str, source: str) -> list[Row]:
    """The entry lines of a lexicon file's text."""
    rows = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        fields = raw.rstrip("\n").split("\t")
        # a trailing comment is its own TAB field starting with "#"
        cut = next((i for i, f in enumerate(fields) if i > 0 and f.lstrip().startswith("#")), len(fields))
        rows.append(Row(source, number, tuple(f.strip() for f in fields[:cut])))
    return rows


def read_rows(name: str) -> list[Row]:
    """The entry lines of the lexicon file ``name`` shipped in this package."""
    text = resources.files(__name__).joinpath(name).read_text(encoding="utf-8")
    return parse_rows(text, name)
