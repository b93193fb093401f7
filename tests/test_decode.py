import codecs

import pytest

from pipeline.read.decode import decode

RUSSIAN = "Губернатор Пермского края Дмитрий Махонин подписал соглашение о сотрудничестве."


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        pytest.param(RUSSIAN.encode("utf-8"), "utf-8", id="utf-8"),
        pytest.param(codecs.BOM_UTF8 + RUSSIAN.encode("utf-8"), "utf-8-sig", id="utf-8 BOM"),
        pytest.param(RUSSIAN.encode("cp1251"), "cp1251", id="cp1251 undeclared"),
        pytest.param(RUSSIAN.encode("koi8_r"), "koi8_r", id="koi8-r undeclared"),
        pytest.param(
            b'<meta charset="windows-1251"><p>' + RUSSIAN.encode("cp1251"), "cp1251", id="cp1251 meta charset"
        ),
        pytest.param(
            b'<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">' + RUSSIAN.encode("koi8_r"),
            "koi8-r",
            id="koi8-r http-equiv",
        ),
        pytest.param(b"<meta charset='utf-8'>Perm Krai", "utf-8", id="ascii utf-8"),
        pytest.param(RUSSIAN.encode("utf-16-le"), "utf-16-le", id="utf-16 LE without BOM"),
        pytest.param(RUSSIAN.encode("utf-16-be"), "utf-16-be", id="utf-16 BE without BOM"),
        pytest.param(RUSSIAN.encode("utf-32-le"), "utf-32-le", id="utf-32 LE without BOM"),
        pytest.param(RUSSIAN.encode("utf-32-be"), "utf-32-be", id="utf-32 BE without BOM"),
        pytest.param(RUSSIAN.encode("utf-32"), "utf-32", id="utf-32 BOM, not read as utf-16"),
        pytest.param(RUSSIAN.encode("utf-16"), "utf-16", id="utf-16 BOM"),
    ],
)
def test_decode_finds_the_encoding(data: bytes, encoding: str) -> None:
    text, used = decode(data)
    assert RUSSIAN in text or "Perm Krai" in text
    assert codecs.lookup(used).name == codecs.lookup(encoding).name


def test_a_wrong_declaration_falls_back_to_the_bytes() -> None:
    data = b'<meta charset="utf-8"><p>' + RUSSIAN.encode("cp1251")
    text, used = decode(data)
    assert RUSSIAN in text
    assert used == "cp1251"
