from __future__ import annotations

import codecs

from govcrawl.extract.charset import decode_html, looks_binary, normalize_encoding

TEXT = "<html><head><title>通知公告</title></head><body><p>发布时间：2026年11月18日 政务公开</p></body></html>"


def test_bom_wins() -> None:
    body = codecs.BOM_UTF8 + TEXT.encode("utf-8")
    assert decode_html(body, "gbk") == (TEXT, "utf-8")


def test_gbk_bytes_with_meta_gb2312() -> None:
    html = TEXT.replace("<head>", '<head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">')
    text, enc = decode_html(html.encode("gbk"))
    assert enc == "gb18030"
    assert "发布时间" in text


def test_gbk_bytes_declared_by_header() -> None:
    text, enc = decode_html(TEXT.encode("gb18030"), "GBK")
    assert (text, enc) == (TEXT, "gb18030")


def test_mislabelled_utf8_meta_is_detected() -> None:
    html = TEXT.replace("<head>", '<head><meta charset="utf-8">')
    text, enc = decode_html(html.encode("gbk"))
    assert enc == "gb18030"
    assert "通知公告" in text


def test_mislabelled_utf8_header_is_detected() -> None:
    text, enc = decode_html(TEXT.encode("gbk"), "utf-8")
    assert enc == "gb18030"
    assert "政务公开" in text


def test_unlabelled_utf8_and_gbk() -> None:
    assert decode_html(TEXT.encode("utf-8")) == (TEXT, "utf-8")
    text, enc = decode_html(TEXT.encode("gbk"))
    assert enc == "gb18030" and "通知公告" in text


def test_traditional_big5() -> None:
    html = "<html><head><meta charset='big5'></head><body>發佈時間：2026年11月18日 政府資訊公開</body></html>"
    text, enc = decode_html(html.encode("big5"))
    assert "政府資訊公開" in text
    assert enc == "big5hkscs"


def test_never_raises_on_garbage() -> None:
    text, enc = decode_html(bytes(range(256)) * 3, "no-such-charset")
    assert isinstance(text, str) and enc


def test_normalize_encoding() -> None:
    assert normalize_encoding("GB2312") == "gb18030"
    assert normalize_encoding("x-gbk") == "gb18030"
    assert normalize_encoding("UTF8") == "utf-8"
    assert normalize_encoding("bogus") is None
    assert normalize_encoding(None) is None


def test_binary_served_as_html_is_recognised() -> None:
    assert looks_binary(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert looks_binary(bytes(range(1, 32)) * 20)  # control characters, no NUL
    assert not looks_binary("<html><body>\t政务公开\r\n</body></html>".encode("gbk"))
    assert not looks_binary(codecs.BOM_UTF16_LE + "<html>".encode("utf-16-le"))  # NUL bytes after a BOM
    assert not looks_binary(b"")
