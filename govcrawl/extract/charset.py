"""Decode a fetched page body to text.

Chinese government sites still serve GB2312/GBK pages, sometimes with a wrong HTTP header or a
wrong ``<meta charset>``. Every later extraction step works on text, so the decoder must pick the
encoding a browser would end up showing correctly, and must never raise.
"""

from __future__ import annotations

import codecs
import logging
import re

logger = logging.getLogger(__name__)

__all__ = ["decode_html", "looks_binary", "normalize_encoding"]

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""",
    re.IGNORECASE,
)

# Labels whose real-world content is a superset encoding (what browsers do, WHATWG encoding spec).
_SUPERSETS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "gb18030": "gb18030",
    "x-gbk": "gb18030",
    "cp936": "gb18030",
    "euc-cn": "gb18030",
    "big5": "big5hkscs",
    "iso-8859-1": "cp1252",
    "latin-1": "cp1252",
    "ascii": "utf-8",
    "us-ascii": "utf-8",
}


_SNIFF_BYTES = 1024
_TEXT_CONTROLS = frozenset(b"\t\n\r\f\x1b")


def looks_binary(body: bytes) -> bool:
    """True when ``body`` is not text whatever its Content-Type says (an image or archive served as
    text/html): its first KB holds a NUL byte (no HTML encoding but UTF-16/32, which start with a
    BOM) or more than one control character in ten. Decoding and parsing such a body as a page
    only makes garbage facts."""
    head = body[:_SNIFF_BYTES]
    if not head or any(head.startswith(bom) for bom, _ in _BOMS):
        return False
    if 0 in head:
        return True
    controls = sum(1 for byte in head if byte < 32 and byte not in _TEXT_CONTROLS)
    return controls * 10 > len(head)


def normalize_encoding(label: str | None) -> str | None:
    """Return the Python codec name for a charset label, or None when the label is unknown."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    label = _SUPERSETS.get(label, label)
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return _SUPERSETS.get(name, name)


def _try(body: bytes, encoding: str) -> str | None:
    try:
        return body.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _decode_labelled(body: bytes, encoding: str) -> tuple[str, str] | None:
    """Decode with a labelled encoding; a utf-8 label on GB bytes is treated as mislabelled."""
    text = _try(body, encoding)
    if text is not None:
        return text, encoding
    if encoding in ("utf-8", "utf_8"):
        text = _try(body, "gb18030")
        if text is not None:
            logger.debug("page labelled utf-8 decodes as gb18030")
            return text, "gb18030"
    elif encoding == "gb18030":
        text = _try(body, "utf-8")
        if text is not None:
            return text, "utf-8"
    return None


def decode_html(body: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode ``body`` and return ``(text, encoding used)``.

    Order: a byte-order mark; the ``<meta charset>`` / ``http-equiv`` charset in the first 4 KB;
    the ``declared`` (HTTP header) charset; then charset-normalizer detection. GB2312/GBK are
    decoded as gb18030. A label that does not fit the bytes is ignored (a utf-8 page that is
    really GBK is detected). Never raises: the last resort is utf-8 with replacement characters.
    """
    for bom, encoding in _BOMS:
        if body.startswith(bom):
            return body[len(bom) :].decode(encoding, errors="replace"), encoding

    candidates: list[str] = []
    match = _META_CHARSET.search(body[:4096])
    if match:
        meta = normalize_encoding(match.group(1).decode("ascii", errors="ignore"))
        if meta:
            candidates.append(meta)
    declared_enc = normalize_encoding(declared)
    if declared_enc and declared_enc not in candidates:
        candidates.append(declared_enc)

    for encoding in candidates:
        decoded = _decode_labelled(body, encoding)
        if decoded is not None:
            return decoded

    text = _try(body, "utf-8")
    if text is not None:
        return text, "utf-8"
    text = _try(body, "gb18030")
    if text is not None and _looks_chinese(text):
        return text, "gb18030"
    detected = _detect(body)
    if detected is not None:
        return detected
    return body.decode("utf-8", errors="replace"), "utf-8"


def _looks_chinese(text: str) -> bool:
    """True when most non-ASCII characters are common CJK ideographs or CJK punctuation."""
    non_ascii = [c for c in text if ord(c) > 127]
    if not non_ascii:
        return True
    cjk = sum(1 for c in non_ascii if "\u4e00" <= c <= "\u9fff" or "\u3000" <= c <= "\u303f"
              or "\uff00" <= c <= "\uffef")
    return cjk / len(non_ascii) > 0.8


def _detect(body: bytes) -> tuple[str, str] | None:
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(body).best()
    except Exception:  # detection is best effort
        logger.debug("charset detection failed", exc_info=True)
        return None
    if best is None:
        return None
    encoding = normalize_encoding(best.encoding) or "utf-8"
    return body.decode(encoding, errors="replace"), encoding
