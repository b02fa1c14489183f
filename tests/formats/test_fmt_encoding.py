"""Decoding imported bytes: the right encoding, or a clear refusal, never mojibake."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from crmtui.services.formats import (
    ContactRecord,
    FormatError,
    decode_bytes,
    read_csv,
    read_table,
    read_vcards,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def test_utf8_without_bom() -> None:
    assert decode_bytes("姓名,电话\n张三,1\n".encode()) == ("姓名,电话\n张三,1\n", "utf-8")


def test_utf8_bom_is_removed() -> None:
    assert decode_bytes("\ufeff姓名".encode()) == ("姓名", "utf-8-sig")


def test_utf16_with_bom_as_excel_unicode_text() -> None:
    text, encoding = decode_bytes("姓名\t手机\r\n张三\t138\r\n".encode("utf-16"))
    assert (text, encoding) == ("姓名\t手机\r\n张三\t138\r\n", "utf-16")


def test_gb18030_fixture_needs_gb18030_not_just_gbk() -> None:
    data = (FIXTURES / "contacts_gb18030.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("gbk")  # 𠀀 is outside GBK: the fixture proves four-byte GB18030 works
    text, encoding = decode_bytes(data)
    assert encoding == "gb18030"
    assert "朱镕基" in text and "𠀀先生" in text


def test_plain_gbk_decodes_as_gb18030() -> None:
    assert decode_bytes("客户名称,手机\n示例公司,138\n".encode("gbk"))[1] == "gb18030"


def test_big5_is_not_misread_as_gb18030() -> None:
    data = "姓名,電話,公司\n陳大文,0912345678,臺灣積體電路製造股份有限公司\n".encode("big5")
    data.decode("gb18030")  # the bytes *are* valid GB18030 — just not Chinese that way
    try:
        text, encoding = decode_bytes(data)
    except FormatError:
        return
    assert encoding != "gb18030"
    assert "陳大文" in text


@pytest.mark.parametrize("seed", range(5))
def test_garbage_bytes_are_refused_clearly(seed: int) -> None:
    rng = random.Random(seed)
    data = bytes(rng.randrange(256) for _ in range(2000))
    with pytest.raises(FormatError, match="encoding") as caught:
        read_csv(data)
    assert "UTF-8" in str(caught.value)


def test_garbage_is_refused_by_the_vcard_reader_too() -> None:
    data = bytes(random.Random(9).randrange(256) for _ in range(500))
    with pytest.raises(FormatError):
        read_vcards(data)


def test_utf16_without_bom_is_refused_not_read_as_nul_soup() -> None:
    data = "Name,Phone\nAnn,1\n".encode("utf-16-le")
    with pytest.raises(FormatError, match="binary"):
        read_table(data)


def test_western_code_page_is_read_correctly_or_refused_never_garbled() -> None:
    data = "Name;City\nMüller;Köln\nJosé;São Paulo\nFrançois;Besançon\n".encode("cp1252")
    try:
        text, _encoding = decode_bytes(data)
    except FormatError:
        return
    assert "São Paulo" in text and "Müller" in text


def test_the_user_can_name_the_encoding() -> None:
    data = "Name;City\nMüller;Köln\nJosé;São Paulo\n".encode("cp1252")
    preview, rows = read_csv(data, encoding="cp1252")
    assert preview.encoding == "cp1252"
    assert [r.name for _, r in rows if isinstance(r, ContactRecord)] == ["Müller", "José"]
    with pytest.raises(FormatError, match="not utf-8"):
        read_csv(data, encoding="utf-8")
    with pytest.raises(FormatError, match="unknown text encoding"):
        read_csv(data, encoding="klingon")


def test_committed_fixtures_are_what_the_script_writes() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_fixtures", FIXTURES / "make_fixtures.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for name, make in module.FIXTURES.items():
        assert (FIXTURES / name).read_bytes() == make(), name
