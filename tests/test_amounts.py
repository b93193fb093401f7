"""Amounts: money in ISO 4217, percentages, counts of things, qualifiers and ranges, in English and Russian."""

import pytest

from pipeline.facts.amounts.find import find_amounts, parse_number, read_number
from pipeline.ner.recognise import Models, recognise
from pipeline.records import Amount, Analysis, Article


def _case(text: str, language: str, *expected: object) -> object:
    return pytest.param(text, language, *expected, id=f"{language}: {text}")


def _found(text: str, language: str, models: Models | None = None) -> list[Amount]:
    if models is None:
        return list(find_amounts(text, [], language))
    [analysis] = recognise([Article("a", "s", text, language=language)], models)
    assert isinstance(analysis, Analysis)
    return list(find_amounts(text, analysis.tokens, language))


@pytest.mark.parametrize(
    ("text", "language", "value"),
    [
        _case("1.844.036.360,12", "ru", 1844036360.12),
        _case("1,5", "ru", 1.5),
        _case("1 500 000", "ru", 1500000),
        _case("1,000", "en", 1000),
        _case("1,234,567.5", "en", 1234567.5),
        _case("1.73", "en", 1.73),
        _case("ninety", "en", 90),
        _case("twenty-five", "en", 25),
        _case("ninety nine", "en", 99),
        _case("a dozen", "en", 12),
        _case("two hundred", "en", 200),
        _case("one hundred thousand", "en", 100000),
        _case("a hundred thousand", "en", 100000),
        _case("двадцать пять", "ru", 25),
        _case("двадцати пяти", "ru", 25),
        _case("одна", "ru", 1),
        _case("девятнадцать", "ru", 19),
        _case("девяносто", "ru", 90),
        _case("триста двенадцать", "ru", 312),
        _case("тысяча", "ru", 1000),
        _case("две тысячи триста", "ru", 2300),
        _case("двести двадцать пять тысяч", "ru", 225000),
        _case("полтора", "ru", 1.5),
    ],
)
def test_parse_number(text: str, language: str, value: float) -> None:
    assert parse_number(text, language) == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "language", "value"),
    [
        _case("5 thousand", "en", 5000),
        _case("100K", "en", 100000),
        _case("3 million", "en", 3e6),
        _case("forty-five (45)", "en", 45),
        _case("-1.2M", "en", -1.2e6),
        _case("300 тыс.", "ru", 300e3),
        _case("no number here", "en", None),
    ],
)
def test_read_number(text: str, language: str, value: float | None) -> None:
    assert read_number(text, language) == (pytest.approx(value) if value is not None else None)


@pytest.mark.parametrize(
    ("text", "language", "found", "value", "unit"),
    [
        _case("$0.5 billion", "en", "$0.5 billion", 0.5e9, "USD"),
        _case("$2.6m", "en", "$2.6m", 2.6e6, "USD"),
        _case("1.73 billion rubles", "en", "1.73 billion rubles", 1.73e9, "RUB"),
        _case("€40 million", "en", "€40 million", 40e6, "EUR"),
        _case("RUB 2bn", "en", "RUB 2bn", 2e9, "RUB"),
        _case("5 million euros", "en", "5 million euros", 5e6, "EUR"),
        _case("USD 3.2 billion", "en", "USD 3.2 billion", 3.2e9, "USD"),
        _case("USD3.14", "en", "USD3.14", 3.14, "USD"),
        _case("US$4.7 billion", "en", "US$4.7 billion", 4.7e9, "USD"),
        _case("1.5bn roubles", "en", "1.5bn roubles", 1.5e9, "RUB"),
        _case("£10", "en", "£10", 10, "GBP"),
        _case("10$", "en", "10$", 10, "USD"),
        _case("$10K", "en", "$10K", 10e3, "USD"),
        _case("twenty-five million dollars", "en", "twenty-five million dollars", 25e6, "USD"),
        _case("3 yuan", "en", "3 yuan", 3, "CNY"),
        _case("5 lakh rupees", "en", "5 lakh rupees", 5e5, "INR"),
        _case("1,5 млрд рублей", "ru", "1,5 млрд рублей", 1.5e9, "RUB"),
        _case("300 тыс. руб.", "ru", "300 тыс. руб.", 300e3, "RUB"),
        _case("1.844.036.360,12 руб.", "ru", "1.844.036.360,12 руб.", 1844036360.12, "RUB"),
        _case("15 млн руб.", "ru", "15 млн руб.", 15e6, "RUB"),
        _case("2,5 трлн рублей", "ru", "2,5 трлн рублей", 2.5e12, "RUB"),
        _case("составят 2,5 трлн рублей.", "ru", "2,5 трлн рублей", 2.5e12, "RUB"),
        _case("100 тыс. долларов", "ru", "100 тыс. долларов", 100e3, "USD"),
        _case("₽300 млн", "ru", "₽300 млн", 300e6, "RUB"),
        _case("10 млрд ₽", "ru", "10 млрд ₽", 10e9, "RUB"),
        _case("$1 млрд", "ru", "$1 млрд", 1e9, "USD"),
        _case("2,2 млн.руб.", "ru", "2,2 млн.руб.", 2.2e6, "RUB"),
        _case("20,000 руб", "ru", "20,000 руб", 20e3, "RUB"),
        _case("2 134 472,44 рубля", "ru", "2 134 472,44 рубля", 2134472.44, "RUB"),
        _case("124 451 рубль 50 копеек", "ru", "124 451 рубль 50 копеек", 124451.5, "RUB"),
        _case("двести двадцать пять тысяч рублей", "ru", "двести двадцать пять тысяч рублей", 225e3, "RUB"),
        _case("полтора миллиарда рублей", "ru", "полтора миллиарда рублей", 1.5e9, "RUB"),
        _case("3,04 грн", "ru", "3,04 грн", 3.04, "UAH"),
        _case("20 евро", "ru", "20 евро", 20, "EUR"),
        _case("69%", "en", "69%", 69, "percent"),
        _case("12 percent", "en", "12 percent", 12, "percent"),
        _case("12 per cent", "en", "12 per cent", 12, "percent"),
        _case("fell -0.5%", "en", "-0.5%", -0.5, "percent"),
        _case("на 12 процентов", "ru", "12 процентов", 12, "percent"),
        _case("7,5%", "ru", "7,5%", 7.5, "percent"),
        _case("двадцать пять процентов", "ru", "двадцать пять процентов", 25, "percent"),
        _case("5,3млн", "ru", "5,3млн", 5.3e6, "count"),
        _case("5,3млн рублей", "ru", "5,3млн рублей", 5.3e6, "RUB"),
    ],
)
def test_money_and_percentages(text: str, language: str, found: str, value: float, unit: str) -> None:
    [amount] = _found(text, language)
    assert (amount.text, amount.unit, amount.qualifier, amount.counted, amount.bound) == (found, unit, None, None, None)
    assert amount.value == pytest.approx(value)
    assert text[amount.start : amount.end] == amount.text


@pytest.mark.parametrize(
    ("text", "language", "found", "qualifier"),
    [
        _case("more than $5 million", "en", "more than $5 million", "more_than"),
        _case("over 40%", "en", "over 40%", "more_than"),
        _case("less than 7 EUR", "en", "less than 7 EUR", "less_than"),
        _case("about 5 million euros", "en", "about 5 million euros", "about"),
        _case("around 18 billion rubles", "en", "around 18 billion rubles", "about"),
        _case("up to 15 percent", "en", "up to 15 percent", "up_to"),
        _case("at least $1.42", "en", "at least $1.42", "at_least"),
        _case("Moreover 5% of it", "en", "5%", None),
        _case("более 1,5 млрд рублей", "ru", "более 1,5 млрд рублей", "more_than"),
        _case("свыше 7%", "ru", "свыше 7%", "more_than"),
        _case("около 5 млн долларов", "ru", "около 5 млн долларов", "about"),
        _case("порядка 300 тыс. руб.", "ru", "порядка 300 тыс. руб.", "about"),
        _case("до 10 млн рублей", "ru", "до 10 млн рублей", "up_to"),
        _case("не менее 20%", "ru", "не менее 20%", "at_least"),
        _case("менее 7 евро", "ru", "менее 7 евро", "less_than"),
        _case("не более 7 евро", "ru", "не более 7 евро", "up_to"),
    ],
)
def test_qualifiers(text: str, language: str, found: str, qualifier: str | None) -> None:
    [amount] = _found(text, language)
    assert (amount.text, amount.qualifier) == (found, qualifier)


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        _case(
            "$1.2 million to $23.5 million",
            "en",
            [("$1.2 million", 1.2e6, "USD", "from"), ("$23.5 million", 23.5e6, "USD", "to")],
        ),
        _case(
            "from $1.2 million to $23.5 million",
            "en",
            [("$1.2 million", 1.2e6, "USD", "from"), ("$23.5 million", 23.5e6, "USD", "to")],
        ),
        _case("$5-10 million", "en", [("$5", 5e6, "USD", "from"), ("10 million", 10e6, "USD", "to")]),
        _case("about $10-$20", "en", [("about $10", 10, "USD", "from"), ("$20", 20, "USD", "to")]),
        _case("between 10 and 20 percent", "en", [("10", 10, "percent", "from"), ("20 percent", 20, "percent", "to")]),
        _case("from 10 to 20 dollars", "en", [("10", 10, "USD", "from"), ("20 dollars", 20, "USD", "to")]),
        _case("от 5 до 10 млн рублей", "ru", [("5", 5e6, "RUB", "from"), ("10 млн рублей", 10e6, "RUB", "to")]),
        _case("5–7 млрд руб.", "ru", [("5", 5e9, "RUB", "from"), ("7 млрд руб.", 7e9, "RUB", "to")]),
        _case("на 10–15%", "ru", [("10", 10, "percent", "from"), ("15%", 15, "percent", "to")]),
        _case(
            "от 80 тысяч до 2 миллионов рублей",
            "ru",
            [("80 тысяч", 80e3, "RUB", "from"), ("2 миллионов рублей", 2e6, "RUB", "to")],
        ),
        _case("от 10 долларов до 20", "ru", [("10 долларов", 10, "USD", "from"), ("20", 20, "USD", "to")]),
        _case("20000-30000 рублей", "ru", [("20000", 20e3, "RUB", "from"), ("30000 рублей", 30e3, "RUB", "to")]),
        _case("между 10 и 20 долларами", "ru", [("10", 10, "USD", "from"), ("20 долларами", 20, "USD", "to")]),
    ],
)
def test_a_range_is_two_amounts(text: str, language: str, expected: list[tuple[str, float, str, str]]) -> None:
    found = _found(text, language)
    assert [(a.text, a.unit, a.bound) for a in found] == [(t, u, b) for t, _, u, b in expected]
    assert [a.value for a in found] == pytest.approx([v for _, v, _, _ in expected])


@pytest.mark.parametrize(
    ("text", "language"),
    [
        _case("the 75th anniversary", "en"),
        _case("a 5-year plan", "en"),
        _case("in 2015,", "en"),
        _case("128", "en"),
        _case("5 m away", "en"),
        _case("call 8-800-555-35-35", "en"),
        _case("+7 (342) 123-45-67", "ru"),
        _case("ИНН 5902292103", "ru"),
        _case("at 10:30", "en"),
        _case("1/5 of it", "en"),
        _case("in 2015-2020", "en"),
        _case("5-й", "ru"),
        _case("на 5-м месте", "ru"),
        _case("Су-57", "ru"),
        _case("Тысячи людей", "ru"),
        _case("hundreds of", "en"),
        _case("exactly dollars", "en"),
        _case("Команда завоевала пять золотых медалей.", "ru"),
        _case("She won 20 gold medals and 5 marks.", "en"),
    ],
)
def test_numbers_that_are_not_amounts(text: str, language: str) -> None:
    assert _found(text, language) == []


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        _case("More than 800 people attended the forum.", "en", [(800, "people", "more_than", None)]),
        _case("The plant has 8 new production facilities.", "en", [(8, "production facility", None, None)]),
        _case("They shared information about 127 suppliers.", "en", [(127, "supplier", None, None)]),
        _case("It works with about 127 potential suppliers.", "en", [(127, "supplier", "about", None)]),
        _case("Twenty-five companies signed agreements.", "en", [(25, "company", None, None)]),
        _case("A dozen plants were built.", "en", [(12, "plant", None, None)]),
        _case("Ninety federal customers took part.", "en", [(90, "customer", None, None)]),
        _case("Between 5 and 10 plants will close.", "en", [(5, "plant", None, "from"), (10, "plant", None, "to")]),
        _case("It is one of the largest companies in Russia.", "en", []),
        _case("The COVID-19 pandemic hit the region.", "en", []),
        _case("В рамках форума подписано 25 взаимовыгодных проектов.", "ru", [(25, "проект", None, None)]),
        _case("В программе участвуют более 30 предприятий.", "ru", [(30, "предприятие", "more_than", None)]),
        _case("В регионе работают двадцать пять предприятий.", "ru", [(25, "предприятие", None, None)]),
        _case("На форум приехали около 500 человек.", "ru", [(500, "человек", "about", None)]),
        _case("Компания наняла тысячу сотрудников.", "ru", [(1000, "сотрудник", None, None)]),
        _case(
            "Будет построено от 5 до 10 предприятий.",
            "ru",
            [(5, "предприятие", None, "from"), (10, "предприятие", None, "to")],
        ),
        _case("Это одна из крупнейших компаний России.", "ru", []),
        _case("С одной стороны, это хорошо.", "ru", []),
        _case("В 2015 году компания работала.", "ru", []),
    ],
)
def test_counts_name_what_they_count(
    models: Models, text: str, language: str, expected: list[tuple[float, str, str | None, str | None]]
) -> None:
    found = [(a.value, a.counted, a.qualifier, a.bound) for a in _found(text, language, models)]
    assert found == expected
    assert all(a.unit == "count" for a in _found(text, language, models))


@pytest.mark.parametrize(
    ("text", "language", "found", "value", "unit"),
    [
        _case("Бюджет Украины получит 120 миллиардов гривен помощи.", "ru", "120 миллиардов гривен", 120e9, "UAH"),
        _case("Кредит на 2 млн гривнами выдали банку.", "ru", "2 млн гривнами", 2e6, "UAH"),
        _case("Сделка оценена в 50 млн гонконгских долларов.", "ru", "50 млн гонконгских долларов", 50e6, "HKD"),
        _case("Штраф составил 500 тысяч тенге.", "ru", "500 тысяч тенге", 5e5, "KZT"),
        _case("Инвестиции составят 3 млрд швейцарских франков.", "ru", "3 млрд швейцарских франков", 3e9, "CHF"),
        _case("The deal is worth 50 million Hong Kong dollars.", "en", "50 million Hong Kong dollars", 50e6, "HKD"),
        _case("Tickets cost HK$3.5bn in all.", "en", "HK$3.5bn", 3.5e9, "HKD"),
        _case("Lagos approved a ₦150.8bn budget.", "en", "₦150.8bn", 150.8e9, "NGN"),
        _case("The state spent 5 million naira on roads.", "en", "5 million naira", 5e6, "NGN"),
        _case("Exports rose to R$12bn.", "en", "R$12bn", 12e9, "BRL"),
        _case("The fund holds 40 billion South Korean won.", "en", "40 billion South Korean won", 40e9, "KRW"),
        _case("It fell 2 percent to 7 440 000 VND.", "en", "2 percent", 2, "percent"),
        _case("Цены выросли на 5 проц. за год.", "ru", "5 проц.", 5, "percent"),
    ],
)
def test_every_current_currency(text: str, language: str, found: str, value: float, unit: str) -> None:
    """CLDR's names in every plural (and, in Russian, every case) form, its signs and codes."""
    amount = next(a for a in _found(text, language) if a.text == found)
    assert (amount.value, amount.unit) == (pytest.approx(value), unit)


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        _case(
            "The state earned N450m and N1.1trillion, a gain for the naira.",
            "en",
            [("N450m", 450e6, "NGN"), ("N1.1trillion", 1.1e12, "NGN")],
        ),
        _case("Fuel sells at N450, ₦50 more than last week.", "en", [("N450", 450, "NGN"), ("₦50", 50, "NGN")]),
        _case("Wear N95 masks on the N1 highway.", "en", []),
    ],
)
def test_a_letter_symbol_needs_its_currency_named(
    text: str, language: str, expected: list[tuple[str, float, str]]
) -> None:
    assert [(a.text, a.value, a.unit) for a in _found(text, language)] == expected


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        _case("Airlines have parked roughly 400 737 Max jets.", "en", [(400, "about")]),
        _case("Boeing delivered 50 787-9 jets this year.", "en", [(50, None)]),
        _case("The company flies the 787-9 to Tokyo.", "en", []),
        _case("He spoke outside No 10 Downing Street.", "en", []),
        _case("В выборах участвуют 268 кандидатов.", "ru", [(268, None)]),
        _case("Пациенту провели две процедуры.", "ru", [(2, None)]),
        _case("Компания закупила 1 500 вагонов.", "ru", [(1500, None)]),
        _case("Авиакомпания получила 30 A320 в прошлом году.", "ru", [(30, None)]),
    ],
)
def test_numbers_never_merge_across_a_model_or_a_noun(
    models: Models, text: str, language: str, expected: list[tuple[float, str | None]]
) -> None:
    """A model number ("737 Max", "787-9") or a sign ("No 10") is no amount; a letter multiplies only alone."""
    found = _found(text, language, models)
    assert [(a.value, a.qualifier) for a in found] == expected
    assert all(a.unit == "count" for a in found)
