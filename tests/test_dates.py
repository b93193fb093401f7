from datetime import date

import pytest

from pipeline.dates import parse_date

PUBLISHED = date(2023, 11, 10)


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("9 ноября", PUBLISHED, (2023, 11, 9, True)),
        ("9 ноября", None, (None, 11, 9, False)),
        ("1 марта 2021 года", None, (2021, 3, 1, False)),
        ("February 9, 2016", None, (2016, 2, 9, False)),
        ("9 November 2023", None, (2023, 11, 9, False)),
        ("May 2020", None, (2020, 5, None, False)),
        ("the end of 2026", PUBLISHED, (2026, None, None, False)),
        ("mid-September", PUBLISHED, (2023, 9, None, True)),
        ("last year", PUBLISHED, (2022, None, None, True)),
        ("last year", None, (None, None, None, True)),
        ("в прошлом году", PUBLISHED, (2022, None, None, True)),
        ("2 месяца назад", PUBLISHED, (2023, 9, None, True)),
        ("3 years ago", PUBLISHED, (2020, None, None, True)),
        ("yesterday", PUBLISHED, (2023, 11, 9, True)),
    ],
)
def test_parse_date(
    text: str, published: date | None, expected: tuple[int | None, int | None, int | None, bool]
) -> None:
    value = parse_date(text, published)
    assert (value.year, value.month, value.day, value.relative) == expected


def test_value_only_when_fully_known() -> None:
    assert parse_date("February 9, 2016", None).value == date(2016, 2, 9)
    assert parse_date("May 2020", None).value is None
