import pytest

from pipeline.amounts import find_amounts, parse_number
from pipeline.ner import Models, recognise
from pipeline.records import Analysis, Article


@pytest.mark.parametrize(
    ("text", "language", "value"),
    [
        ("1.844.036.360,12", "ru", 1844036360.12),
        ("1,5", "ru", 1.5),
        ("1 500 000", "ru", 1500000),
        ("1,000", "en", 1000),
        ("1,234,567.5", "en", 1234567.5),
        ("1.73", "en", 1.73),
        ("ninety", "en", 90),
    ],
)
def test_parse_number(text: str, language: str, value: float) -> None:
    assert parse_number(text, language) == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("1.73 billion rubles", "en", ("1.73 billion rubles", 1.73e9, "RUB", None)),
        ("$2.6m", "en", ("$2.6m", 2.6e6, "USD", None)),
        ("$0.5 billion", "en", ("$0.5 billion", 0.5e9, "USD", None)),
        ("€40 million", "en", ("€40 million", 40e6, "EUR", None)),
        ("RUB 2bn", "en", ("RUB 2bn", 2e9, "RUB", None)),
        ("69%", "en", ("69%", 69, "percent", None)),
        ("up to 15 percent", "en", ("up to 15 percent", 15, "percent", "up_to")),
        ("around 18 billion rubles", "en", ("around 18 billion rubles", 18e9, "RUB", "about")),
        ("1,5 млрд рублей", "ru", ("1,5 млрд рублей", 1.5e9, "RUB", None)),
        ("300 тыс. руб.", "ru", ("300 тыс. руб.", 300e3, "RUB", None)),
        ("1.844.036.360,12 руб.", "ru", ("1.844.036.360,12 руб.", 1844036360.12, "RUB", None)),
        ("около 5 млн долларов", "ru", ("около 5 млн долларов", 5e6, "USD", "about")),
        ("на 12 процентов", "ru", ("12 процентов", 12, "percent", None)),
        ("свыше 7%", "ru", ("свыше 7%", 7, "percent", "more_than")),
    ],
)
def test_money_and_percentages(text: str, language: str, expected: tuple[str, float, str, str | None]) -> None:
    [amount] = find_amounts(text, [], language)
    assert (amount.text, amount.unit, amount.qualifier) == (expected[0], expected[2], expected[3])
    assert amount.value == pytest.approx(expected[1])
    assert text[amount.start : amount.end] == amount.text


def test_a_range_is_two_amounts() -> None:
    found = [(a.value, a.unit) for a in find_amounts("from $1.2 million to $23.5 million", [], "en")]
    assert found == [(1.2e6, "USD"), (23.5e6, "USD")]


@pytest.mark.parametrize(
    "text",
    ["the 75th anniversary", "a 5-year plan", "in 2015,", "128", "5 m away"],
)
def test_numbers_that_are_not_amounts(text: str) -> None:
    assert list(find_amounts(text, [], "en")) == []


def test_counts_name_what_they_count(models: Models) -> None:
    text = "The plant has 8 new production facilities and about 127 potential suppliers."
    [analysis] = recognise([Article("a", "s", text, language="en")], models)
    assert isinstance(analysis, Analysis)
    found = {(a.value, a.counted, a.qualifier) for a in find_amounts(text, analysis.tokens, "en")}
    assert found == {(8.0, "production facility", None), (127.0, "supplier", "about")}
