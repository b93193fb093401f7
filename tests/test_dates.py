from datetime import date
from pathlib import Path

import pytest

from pipeline.facts.dates.fields import Context
from pipeline.facts.dates.find import _anchored, find_dates, parse_date
from pipeline.facts.dates.grammar import patterns
from pipeline.knowledge.lexicon import cyrillic_share
from pipeline.records import DateValue, Label, Mention

PUBLISHED = date(2023, 11, 10)  # a Friday
D = date
Parts = tuple[int | None, int | None, int | None]


def _case(text: str, published: date | None, *expected: object) -> object:
    return pytest.param(text, published, *expected, id=f"{text}@{published or 'none'}")


# text, publication date → (year, month, day, relative)
STARTS = [
    _case("9 ноября", PUBLISHED, (2023, 11, 9, True)),
    _case("9 ноября", None, (None, 11, 9, False)),
    _case("1 марта 2021 года", None, (2021, 3, 1, False)),
    _case("February 9, 2016", None, (2016, 2, 9, False)),
    _case("9 November 2023", None, (2023, 11, 9, False)),
    _case("May 2020", None, (2020, 5, None, False)),
    _case("the end of 2026", PUBLISHED, (2026, None, None, False)),
    _case("mid-September", PUBLISHED, (2023, 9, None, True)),
    _case("mid-September", None, (None, 9, None, False)),
    _case("summer of 2023", None, (2023, 6, None, False)),
    _case("last year", PUBLISHED, (2022, None, None, True)),
    _case("last year", None, (None, None, None, True)),
    _case("в прошлом году", PUBLISHED, (2022, None, None, True)),
    _case("в этом году", PUBLISHED, (2023, None, None, True)),
    _case("в этом году", None, (None, None, None, True)),
    _case("2 месяца назад", PUBLISHED, (2023, 9, None, True)),
    _case("2 месяца назад", None, (None, None, None, True)),
    _case("3 years ago", PUBLISHED, (2020, None, None, True)),
    _case("через два года", PUBLISHED, (2025, None, None, True)),
    _case("через два года", None, (None, None, None, True)),
    _case("two weeks ago", PUBLISHED, (2023, 10, 27, True)),
    _case("next month", PUBLISHED, (2023, 12, None, True)),
    _case("next month", None, (None, None, None, True)),
    _case("yesterday", PUBLISHED, (2023, 11, 9, True)),
    _case("позавчера", PUBLISHED, (2023, 11, 8, True)),
    _case("9 ноября прошлого года", PUBLISHED, (2022, 11, 9, True)),
    _case("09.11.2023", None, (2023, 11, 9, False)),
    _case("2023-11-09", None, (2023, 11, 9, False)),
    _case("11/9/2023", None, (2023, 11, 9, False)),
    _case("13/9/2023", None, (2023, 9, 13, False)),
    _case("2015", None, (2015, None, None, False)),
    _case("2014 г.", None, (2014, None, None, False)),
    _case("Tuesday, 22 July 2014", None, (2014, 7, 22, False)),
    _case("19:20", PUBLISHED, (None, None, None, False)),
    _case("annual", PUBLISHED, (None, None, None, False)),
]


@pytest.mark.parametrize(("text", "published", "expected"), STARTS)
def test_parse_date(text: str, published: date | None, expected: tuple[object, ...]) -> None:
    value = parse_date(text, published)
    assert (value.year, value.month, value.day, value.relative) == expected


# text, publication date → (year, month, day), (year_end, month_end, day_end)
RANGES = [
    _case("16-17 May", PUBLISHED, (2023, 5, 16), (2023, 5, 17)),
    _case("16-17 May", None, (None, 5, 16), (None, 5, 17)),
    _case("May 16-17, 2023", None, (2023, 5, 16), (2023, 5, 17)),
    _case("9–10 ноября 2023 года", None, (2023, 11, 9), (2023, 11, 10)),
    _case("с 1 по 5 марта", PUBLISHED, (2023, 3, 1), (2023, 3, 5)),
    _case("from 13 to 15 July", PUBLISHED, (2023, 7, 13), (2023, 7, 15)),
    _case("в январе–марте", PUBLISHED, (2023, 1, None), (2023, 3, None)),
    _case("January–March 2023", None, (2023, 1, None), (2023, 3, None)),
    _case("с января по март 2022 года", None, (2022, 1, None), (2022, 3, None)),
    _case("2020-2022", None, (2020, None, None), (2022, None, None)),
    _case("в 2020–2022 годах", None, (2020, None, None), (2022, None, None)),
    _case("1 сентября 1939 — 2 сентября 1945", None, (1939, 9, 1), (1945, 9, 2)),
    _case("Q1 2024", None, (2024, 1, None), (2024, 3, None)),
    _case("first quarter of 2024", None, (2024, 1, None), (2024, 3, None)),
    _case("I квартал 2024 года", None, (2024, 1, None), (2024, 3, None)),
    _case("в первом квартале", PUBLISHED, (2023, 1, None), (2023, 3, None)),
    _case("в первом квартале", None, (None, 1, None), (None, 3, None)),
    _case("в третьем квартале прошлого года", PUBLISHED, (2022, 7, None), (2022, 9, None)),
    _case("в первом полугодии 2024 года", None, (2024, 1, None), (2024, 6, None)),
    _case("first half of 2024", None, (2024, 1, None), (2024, 6, None)),
    _case("летом 2023 года", None, (2023, 6, None), (2023, 8, None)),
    _case("весной", PUBLISHED, (2023, 3, None), (2023, 5, None)),
    _case("winter 2023", None, (2023, 12, None), (2024, 2, None)),
    _case("last week", PUBLISHED, (2023, 10, 30), (2023, 11, 5)),
    _case("на следующей неделе", PUBLISHED, (2023, 11, 13), (2023, 11, 19)),
    _case("last two years", PUBLISHED, (2021, None, None), (2022, None, None)),
    _case("the 1990s", None, (1990, None, None), (1999, None, None)),
]


@pytest.mark.parametrize(("text", "published", "start", "end"), RANGES)
def test_parse_range(text: str, published: date | None, start: Parts, end: Parts) -> None:
    value = parse_date(text, published)
    assert (value.year, value.month, value.day) == start
    assert (value.year_end, value.month_end, value.day_end) == end


# text, publication date → (date_from, date_to): the days the expression covers
INTERVALS = [
    _case("May 2020", None, (D(2020, 5, 1), D(2020, 5, 31))),
    _case("2015", None, (D(2015, 1, 1), D(2015, 12, 31))),
    _case("summer of 2023", None, (D(2023, 6, 1), D(2023, 8, 31))),
    _case("the end of 2026", None, (D(2026, 9, 1), D(2026, 12, 31))),
    _case("в начале 2024 года", None, (D(2024, 1, 1), D(2024, 4, 30))),
    _case("mid-2024", None, (D(2024, 5, 1), D(2024, 8, 31))),
    _case("mid-September", PUBLISHED, (D(2023, 9, 11), D(2023, 9, 20))),
    _case("в конце марта", PUBLISHED, (D(2023, 3, 21), D(2023, 3, 31))),
    _case("early March 2024", None, (D(2024, 3, 1), D(2024, 3, 10))),
    _case("в конце прошлого года", PUBLISHED, (D(2022, 9, 1), D(2022, 12, 31))),
    _case("by the end of the year", PUBLISHED, (D(2023, 9, 1), D(2023, 12, 31))),
    _case("16-17 May", PUBLISHED, (D(2023, 5, 16), D(2023, 5, 17))),
    _case("в 2020–2022 годах", None, (D(2020, 1, 1), D(2022, 12, 31))),
    _case("Q1 2024", None, (D(2024, 1, 1), D(2024, 3, 31))),
    _case("зимой", D(2024, 1, 15), (D(2023, 12, 1), D(2024, 2, 29))),
    _case("9 ноября", PUBLISHED, (D(2023, 11, 9), D(2023, 11, 9))),
    _case("9 ноября", None, (None, None)),
    _case("mid-September", None, (None, None)),
]


@pytest.mark.parametrize(("text", "published", "interval"), INTERVALS)
def test_interval(text: str, published: date | None, interval: tuple[date | None, date | None]) -> None:
    value = parse_date(text, published)
    assert (value.date_from, value.date_to) == interval


def test_value_only_when_fully_known() -> None:
    assert parse_date("February 9, 2016", None).value == date(2016, 2, 9)
    assert parse_date("May 2020", None).value is None
    assert parse_date("16-17 May 2023", None).value_end == date(2023, 5, 17)


# sentence → the rows find_dates gives with no NER help: (text, year, month, day)
SENTENCES = [
    pytest.param("Встреча началась в 19:20 9 ноября.", [("9 ноября", 2023, 11, 9)], id="clock time is not a date (ru)"),
    pytest.param("The talks began at 19:20 on May 5.", [("May 5", 2023, 5, 5)], id="clock time is not a date (en)"),
    pytest.param(
        "Выпуск в январе–марте вырос, а в 2020–2022 годах падал.",
        [("январе–марте", 2023, 1, None), ("2020–2022 годах", 2020, None, None)],
        id="ru ranges",
    ),
    pytest.param(
        "In 2015 the plant hired 2000 people; by the end of 2026 it may grow.",
        [("2015", 2015, None, None), ("the end of 2026", 2026, None, None)],
        id="bare numbers are years only after a cue",
    ),
    pytest.param(
        "В 1975 году он окончил школу, в 1976 — поступил во ВГИК.",
        [("1975 году", 1975, None, None), ("1976", 1976, None, None)],
        id="ru bare year after в before a dash",
    ),
    pytest.param(
        "Стадион построили к чемпионату мира в 2014. Он вмещает 45 000 зрителей.",
        [("2014", 2014, None, None)],
        id="ru bare year after в before a stop",
    ),
    pytest.param("Цены выросли в 2000 раз.", [], id="ru в and a number with a noun is no year"),
    pytest.param(
        "Группа выпустила альбомы «Огни» (1994) и «Север» (1997).",
        [("1994", 1994, None, None), ("1997", 1997, None, None)],
        id="ru years in brackets",
    ),
    pytest.param("The band's debut album (2009) sold well.", [("2009", 2009, None, None)], id="a year in brackets"),
    pytest.param(
        "Два года назад завод закрыли, через два года его откроют.",
        [("Два года назад", 2021, None, None), ("через два года", 2025, None, None)],
        id="ru relative amounts",
    ),
    pytest.param(
        "On Tuesday the board met; prices may fall.", [("Tuesday", 2023, 11, 7)], id="weekday, modal may and verb fall"
    ),
    pytest.param(
        "Results for the first quarter of last year beat forecasts.",
        [("the first quarter of last year", 2022, 1, None)],
        id="quarter of a relative year",
    ),
]


@pytest.mark.parametrize(("text", "rows"), SENTENCES)
def test_find_dates(text: str, rows: list[tuple[object, ...]]) -> None:
    found = list(find_dates(text, [], PUBLISHED))
    assert [(d.text, d.year, d.month, d.day) for d in found] == rows
    _assert_spans(text, found)


def _mention(text: str, span: str) -> Mention:
    start = text.index(span)
    return Mention(Label.DATE, span, start, start + len(span), span, "DATE")


MENTIONS = [
    pytest.param("Встреча началась в 19:20.", ["19:20"], [], id="clock-time span dropped"),
    pytest.param("The fair is annual.", ["annual"], [], id="span without a value is no row"),
    pytest.param("It happened many years ago.", ["many years ago"], [], id="vague span is no row"),
    pytest.param("The 68-year-old was hurt.", ["68-year-old"], [], id="an age is no date"),
    pytest.param("A girl, age 12, was hurt.", ["age 12"], [], id="an age after 'age' is no date"),
    pytest.param("Airbus delivered the A350.", ["A350"], [], id="a model is no date"),
    pytest.param("He left on Tuesday.", ["Tuesday"], [("Tuesday", 2023)], id="weekday span resolved"),
    pytest.param(
        "С 1 по 5 марта шла выставка.", ["1", "5 марта"], [("С 1 по 5 марта", 2023)], id="grammar's longer span wins"
    ),
    pytest.param(
        "It grew over the last two years.",
        ["the last two years"],
        [("the last two years", 2021)],
        id="longer NER span wins",
    ),
    pytest.param("the 2015 season", ["the 2015 season"], [("the 2015 season", 2015)], id="NER span adds a year"),
]


@pytest.mark.parametrize(("text", "spans", "rows"), MENTIONS)
def test_find_dates_with_mentions(text: str, spans: list[str], rows: list[tuple[object, ...]]) -> None:
    found = list(find_dates(text, [_mention(text, s) for s in spans], PUBLISHED))
    assert [(d.text, d.year) for d in found] == rows
    _assert_spans(text, found)


def test_no_rows_overlap_on_a_busy_text() -> None:
    text = (
        "В 2023 году, 9–10 ноября, в конце прошлого года и летом 2023 года, а также 09.11.2023 в 19:20 "
        "и в первом полугодии 2024 года; in mid-September, May 16-17, 2023, last week and Q1 2024."
    )
    mentions = [_mention(text, s) for s in ("2023 году", "9–10 ноября", "ноября", "Q1", "19:20")]
    found = list(find_dates(text, mentions, PUBLISHED))
    assert len(found) == 10
    _assert_spans(text, found)


def _assert_spans(text: str, found: list[DateValue]) -> None:
    for row in found:
        assert text[row.start : row.end] == row.text
    for before, after in zip(found, found[1:], strict=False):
        assert before.end <= after.start


def _all_rules_hits(line: str, strict: bool) -> set[tuple[int, int, str]]:
    ctx = Context(PUBLISHED, cyrillic_share(line) > 0.5)
    return {
        (m.start(), m.end(), rule.handler.__name__)
        for rule in patterns(strict)
        for m in rule.regex.finditer(line)
        if rule.handler(m, ctx) is not None
    }


def _anchored_hits(line: str, strict: bool) -> set[tuple[int, int, str]]:
    ctx = Context(PUBLISHED, cyrillic_share(line) > 0.5)
    return {
        (m.start(), m.end(), rule.handler.__name__)
        for rule in _anchored(patterns(strict), line)
        for m in rule.regex.finditer(line)
        if rule.handler(m, ctx) is not None
    }


SAMPLE_LINES = [
    line
    for path in sorted((Path(__file__).parent.parent / "data" / "raw" / "samples").glob("*.txt"))
    for line in path.read_text(encoding="utf-8").splitlines()
    if line.strip()
]


@pytest.mark.parametrize("strict", [True, False], ids=["running-text", "span"])
def test_anchors_skip_only_rules_that_cannot_match(strict: bool) -> None:
    """A rule skipped for want of its anchor finds nothing on that line anyway."""
    lines = [text for case in STARTS for text in case.values[:1]] + SAMPLE_LINES
    lines += ["Q3 2024 и 2-е полугодие", "от 12.05.21 до 1/2024, 2014-10", "the 1990s, mid-2024", "через 3 дня"]
    for line in lines:
        assert _anchored_hits(line, strict) == _all_rules_hits(line, strict), line


# weekday rule (published Friday 10 November 2023): a bare weekday (or "this …") is the latest such
# day on or before the publication date, "last …" the latest strictly before, "next …" the first after
WEEKDAYS = [
    pytest.param(
        "The company said Friday it would cut 500 jobs.", "Friday", date(2023, 11, 10), id="said Friday: that day"
    ),
    pytest.param("The ministers met on Monday in Brussels.", "Monday", date(2023, 11, 6), id="on Monday: before"),
    pytest.param("The vote is set for next Tuesday.", "next Tuesday", date(2023, 11, 14), id="next Tuesday: after"),
    pytest.param(
        "Police said last Friday's fire was arson.", "last Friday", date(2023, 11, 3), id="last Friday: strictly before"
    ),
    pytest.param("В пятницу министр провел совещание.", "В пятницу", date(2023, 11, 10), id="ru в пятницу"),
    pytest.param("Во вторник суд вынес приговор.", "Во вторник", date(2023, 11, 7), id="ru во вторник"),
    pytest.param("В прошлую среду прошли выборы.", "В прошлую среду", date(2023, 11, 8), id="ru в прошлую среду"),
    pytest.param(
        "В следующий понедельник начнется сессия.", "В следующий понедельник", date(2023, 11, 13), id="ru next"
    ),
    pytest.param("В минувшее воскресенье прошел марш.", "В минувшее воскресенье", date(2023, 11, 5), id="ru минувшее"),
]


@pytest.mark.parametrize(("text", "span", "day"), WEEKDAYS)
def test_weekdays_resolve_against_the_publication_date(text: str, span: str, day: date) -> None:
    [found] = find_dates(text, [], PUBLISHED)
    assert (found.text, found.value, found.relative) == (span, day, True)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Shoppers queued for Black Friday deals.", id="a day's name"),
        pytest.param("Среда обитания меняется.", id="ru среда is also environment"),
        pytest.param("Принцу Филиппу 97 лет.", id="ru an age after a name"),
        pytest.param("Он умер в возрасте 52 лет.", id="ru an age after в возрасте"),
        pytest.param("Пенсионный возраст повысится до 65 лет.", id="ru an age after до"),
        pytest.param("The man, aged 52, was hurt.", id="aged"),
        pytest.param("Тогда ему было всего пять лет.", id="ru an age after было всего"),
        pytest.param("Кандидату 68 лет.", id="ru an age after a dative"),
        pytest.param("Певице исполнился 21 год.", id="ru an age after исполнился"),
        pytest.param("Учёному исполнилось бы 125 лет.", id="ru an age after исполнилось бы"),
        pytest.param("He is 85 years old.", id="years old"),
    ],
)
def test_weekdays_and_ages_that_give_no_row(text: str) -> None:
    assert list(find_dates(text, [], PUBLISHED)) == []


@pytest.mark.parametrize(
    ("text", "span"),
    [
        pytest.param("The company said Friday it would cut jobs.", "Friday", id="weekday"),
        pytest.param("В прошлом году завод закрыли.", "прошлом году", id="ru last year"),
    ],
)
def test_relative_dates_without_a_publication_date_stay_unresolved(text: str, span: str) -> None:
    [found] = find_dates(text, [], None)
    assert (found.text, found.relative, found.year, found.month, found.day) == (span, True, None, None, None)


DURATIONS = [
    pytest.param("It was the worst crash in 30 years.", "30 years", "P30Y", id="in 30 years looks back: a span"),
    pytest.param("He spent two years in prison.", "two years", "P2Y", id="two years"),
    pytest.param("Он провел два года в колонии.", "два года", "P2Y", id="ru два года"),
    pytest.param("Суд арестовал его на десять суток.", "десять суток", "P10D", id="ru десять суток"),
    pytest.param("Поиски шли в течение пяти дней.", "пяти дней", "P5D", id="ru genitive"),
    pytest.param("The talks lasted three weeks.", "three weeks", "P3W", id="weeks"),
    pytest.param("Output fell for 18 months.", "18 months", "P18M", id="months"),
    pytest.param("Супруги прожили вместе 70 лет.", "70 лет", "P70Y", id="ru years, not an age"),
    pytest.param("Он провел в СИЗО полтора года.", "полтора года", "P18M", id="ru a year and a half"),
    pytest.param("Бои шли в течение недели.", "в течение недели", "P1W", id="ru a unit alone after a cue"),
    pytest.param("The plant closed for a year.", "for a year", "P1Y", id="for a year"),
    pytest.param("Санкции действуют уже два десятилетия.", "два десятилетия", "P20Y", id="ru десятилетия"),
]


@pytest.mark.parametrize(("text", "span", "duration"), DURATIONS)
def test_a_span_of_time_is_a_duration_not_a_date(text: str, span: str, duration: str) -> None:
    [found] = find_dates(text, [], PUBLISHED)
    assert (found.text, found.duration, found.year, found.month, found.day) == (span, duration, None, None, None)


# sentence → the rows' texts: a quoted title is no date, a quoted sentence keeps its dates
TITLES = [
    pytest.param("Панфилов завершил съемки фильма «Один день Ивана Денисовича».", [], id="ru a title"),
    pytest.param("Среди её синглов — «Today» и «Talk Talk».", [], id="a title that is the whole quote"),
    pytest.param("«Сегодня мы продолжаем этот разговор», — сказал губернатор.", ["Сегодня"], id="ru quoted speech"),
    pytest.param("«Два года назад Путин подписал указ», — напомнил он.", ["Два года назад"], id="ru quoted shift"),
]


@pytest.mark.parametrize(("text", "spans"), TITLES)
def test_a_quoted_title_is_no_date(text: str, spans: list[str]) -> None:
    assert [d.text for d in find_dates(text, [], PUBLISHED)] == spans


# sentence → the one row, resolved against PUBLISHED: (text, first day, last day)
VAGUE = [
    pytest.param(
        "Несколько дней назад менеджер сдал тест на коронавирус.",
        ("Несколько дней назад", date(2023, 11, 1), date(2023, 11, 8)),
        id="ru несколько дней назад",
    ),
    pytest.param(
        "Личности погибших были установлены несколько лет назад.",
        ("несколько лет назад", date(2014, 1, 1), date(2021, 12, 31)),
        id="ru несколько лет назад: whole years",
    ),
    pytest.param(
        "Через несколько недель военные разогнали протестующих.",
        ("Через несколько недель", date(2023, 11, 20), date(2024, 1, 14)),
        id="ru через несколько недель: whole weeks ahead",
    ),
    pytest.param(
        "A few weeks ago the plant stopped hiring.",
        ("A few weeks ago", date(2023, 9, 4), date(2023, 10, 29)),
        id="a few weeks ago",
    ),
    pytest.param(
        "Северокорейский лидер в последние недели не появляется на публике.",
        ("последние недели", date(2023, 9, 4), date(2023, 11, 5)),
        id="ru в последние недели: up to nine whole weeks before",
    ),
    pytest.param(
        "Решение по делу примут в ближайшие дни.",
        ("ближайшие дни", date(2023, 11, 11), date(2023, 11, 19)),
        id="ru в ближайшие дни",
    ),
    pytest.param(
        "«За последнее десятилетие агентство достигло многого», — сказал глава.",
        ("За последнее десятилетие", date(2013, 1, 1), date(2022, 12, 31)),
        id="ru за последнее десятилетие",
    ),
    pytest.param(
        "За последний месяц букмекеры приняли тысячи ставок.",
        ("За последний месяц", date(2023, 10, 1), date(2023, 10, 31)),
        id="ru за последний месяц: the month before",
    ),
    pytest.param(
        "In recent years the region's exports doubled.",
        ("recent years", date(2014, 1, 1), date(2022, 12, 31)),
        id="in recent years",
    ),
]


@pytest.mark.parametrize(("text", "row"), VAGUE)
def test_a_vague_count_is_two_to_nine_units(text: str, row: tuple[object, ...]) -> None:
    [found] = find_dates(text, [], PUBLISHED)
    assert (found.text, found.date_from, found.date_to, found.relative) == (*row, True)


def test_a_vague_count_without_a_publication_date_stays_unresolved() -> None:
    [found] = find_dates("Несколько дней назад менеджер сдал тест.", [], None)
    assert (found.text, found.relative, found.year, found.date_from) == ("Несколько дней назад", True, None, None)


# sentence, publication date → the rows: (text, year, month, day, relative)
ANAPHORA = [
    pytest.param(
        "В 1975 году он окончил школу. В том же году поступил во ВГИК.",
        None,
        [("1975 году", 1975, None, None, False), ("В том же году", 1975, None, None, True)],
        id="ru в том же году",
    ),
    pytest.param(
        "В 2012 году завод закрыли, а в марте того же года уволили рабочих.",
        None,
        [("2012 году", 2012, None, None, False), ("марте того же года", 2012, 3, None, True)],
        id="ru a month of the same year",
    ),
    pytest.param(
        "5 апреля премьер был госпитализирован. На следующий день его состояние ухудшилось.",
        PUBLISHED,
        [("5 апреля", 2023, 4, 5, True), ("На следующий день", 2023, 4, 6, True)],
        id="ru на следующий день",
    ),
    pytest.param(
        "5 апреля премьер был госпитализирован. На следующий день его состояние ухудшилось.",
        None,
        [("5 апреля", None, 4, 5, False), ("На следующий день", None, 4, 6, True)],
        id="ru the next day of a day without a year",
    ),
    pytest.param(
        "Он стал чемпионом в 1988 году. Годом позже титул завоевал его брат.",
        None,
        [("1988 году", 1988, None, None, False), ("Годом позже", 1989, None, None, True)],
        id="ru годом позже",
    ),
    pytest.param(
        "Гонщик умер 30 марта. Двумя неделями ранее он потерял мать.",
        PUBLISHED,
        [("30 марта", 2023, 3, 30, True), ("Двумя неделями ранее", 2023, 3, 16, True)],
        id="ru двумя неделями ранее",
    ),
    pytest.param(
        "The plant opened in 2001; the following year it doubled output.",
        None,
        [("2001", 2001, None, None, False), ("the following year", 2002, None, None, True)],
        id="the following year",
    ),
    pytest.param(
        "Завод открыли в 2001 году, а в следующем месяце начнут выпуск.",
        PUBLISHED,
        [("2001 году", 2001, None, None, False), ("следующем месяце", 2023, 12, None, True)],
        id="ru в следующем месяце counts from the publication date",
    ),
    pytest.param(
        "На следующий день суд продолжил заседание.",
        PUBLISHED,
        [],
        id="ru no date before it: no row",
    ),
    pytest.param(
        "На следующий день суд продолжил заседание.",
        None,
        [("На следующий день", None, None, None, True)],
        id="ru no date before it, no publication date: unresolved",
    ),
    pytest.param(
        "В 2019 году делегация была в Саранске, и спустя два месяца после визита начались поставки.",
        None,
        [("2019 году", 2019, None, None, False), ("два месяца", None, None, None, False)],
        id="ru спустя … после an event: a span",
    ),
    pytest.param(
        "В 2019 году он уехал. Годами позже вернулся.",
        None,
        [("2019 году", 2019, None, None, False)],
        id="ru a plural unit without a number is no count",
    ),
]


@pytest.mark.parametrize(("text", "published", "rows"), ANAPHORA)
def test_anaphoric_dates_follow_the_date_before_them(
    text: str, published: date | None, rows: list[tuple[object, ...]]
) -> None:
    found = list(find_dates(text, [], published))
    assert [(d.text, d.year, d.month, d.day, d.relative) for d in found] == rows


@pytest.mark.parametrize(
    ("text", "published", "span", "months"),
    [
        pytest.param(
            "Last spring the session opened.", date(2020, 10, 5), "Last spring", (2020, 3, 5), id="after it ended"
        ),
        pytest.param("Last spring the session opened.", date(2020, 4, 20), "Last spring", (2019, 3, 5), id="during it"),
        pytest.param(
            "Last winter was mild.", date(2021, 1, 15), "Last winter", (2019, 12, 2), id="winter across years"
        ),
        pytest.param("Next summer the plant opens.", date(2020, 10, 5), "Next summer", (2021, 6, 8), id="next"),
        pytest.param("Прошлой весной сессия открылась.", date(2020, 10, 5), "Прошлой весной", (2020, 3, 5), id="ru"),
    ],
)
def test_last_and_next_season(text: str, published: date, span: str, months: tuple[int, int, int]) -> None:
    """ "last spring": the latest spring ended by the publication date; "next": the first to start after it."""
    [found] = find_dates(text, [], published)
    assert (found.text, found.year, found.month, found.month_end) == (span, *months)
