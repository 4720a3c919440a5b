"""The draft 通报's one chart: 合格率 over the inspections in the database, and problems by 问题类型.

Chinese labels need a CJK font. matplotlib's default has none (it would draw boxes), so one is looked
for by file: Noto CJK (Debian's fonts-noto-cjk), then WenQuanYi, then Droid Sans Fallback. With none,
no chart is drawn and the caller says why in the document: a chart of boxes helps nobody.
"""

from __future__ import annotations

import io
import logging
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from govcrawl.annex.circular import Part

__all__ = ["FONT_MISSING", "chart_png", "cjk_font"]

logger = logging.getLogger(__name__)

FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path.home() / ".local/share/fonts")
FONT_PATTERNS = ("NotoSansCJK-Regular.tt[cf]", "NotoSansCJK*.tt[cf]", "NotoSerifCJK-Regular.tt[cf]",
                 "NotoSerifCJK*.tt[cf]", "wqy-*.tt[cf]", "DroidSansFallback*.ttf")
FONT_MISSING = "（未生成图表：本机未找到中文字体，请安装 fonts-noto-cjk 后重新运行 scrapy report）"


def cjk_font(dirs: Sequence[Path] = FONT_DIRS) -> Path | None:
    """The first CJK font file found, in FONT_PATTERNS' order of preference."""
    for pattern in FONT_PATTERNS:
        for folder in dirs:
            found = sorted(folder.rglob(pattern)) if folder.is_dir() else []
            if found:
                return found[0]
    return None


def chart_png(parts: Sequence[Part], font: Path | None) -> bytes | None:
    """The chart as PNG bytes; None (and a log line) when ``font`` is None."""
    if font is None:
        logger.warning("no CJK font found under %s: the 通报 has no chart (install fonts-noto-cjk)",
                       ", ".join(map(str, FONT_DIRS)))
        return None
    import matplotlib  # imported here: heavy, and only the report needs it
    matplotlib.use("Agg")
    from matplotlib import pyplot
    from matplotlib.font_manager import FontProperties

    prop = FontProperties(fname=str(font))
    figure, (rates, kinds) = pyplot.subplots(1, 2, figsize=(10, 4), dpi=150)
    try:
        for part in parts:
            points = [(d.isoformat(), r * 100) for d, r in part.rates if r is not None]
            rates.plot([p[0] for p in points], [p[1] for p in points], marker="o", label=f"{part.unit}合格率")
        rates.set_ylim(0, 105)
        rates.set_ylabel("合格率（%）", fontproperties=prop)
        rates.set_title("历次检查合格率", fontproperties=prop)
        rates.legend(prop=prop)
        counts = Counter(f.problem_type for part in parts for f in part.findings)
        labels = list(counts)[::-1]
        kinds.barh(labels, [counts[k] for k in labels], color="#c0504d")
        kinds.set_yticks(range(len(labels)), labels, fontproperties=prop)
        kinds.set_title("本次检查问题类型分布（处）", fontproperties=prop)
        figure.tight_layout()
        out = io.BytesIO()
        figure.savefig(out, format="png")
        return out.getvalue()
    finally:
        pyplot.close(figure)
