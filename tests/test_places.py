"""Places from maintained data: traps that are not places, and the world's places resolved to ISO 3166-2."""

from collections import Counter

import pytest

from pipeline import extract
from pipeline.facts.regions import _english, default_gazetteer, longest_matches
from pipeline.knowledge.adjectives import lemmas_of, named_by_adjective
from pipeline.knowledge.world import _resolve_votes, admin1_codes, cities, subdivisions
from pipeline.ner.recognise import Models

# Sentences with no place in them: common words, persons, rivers, a lake, a delta, the EU, a bird.
TRAPS = [
    "То есть ничего не изменилось за год.",
    "Тем более что решение уже принято правительством.",
    "Тем не менее министр остался при своём мнении.",
    "Того же мнения придерживается и министр финансов.",
    "То, что произошло вчера, удивило всех.",
    "Тем временем цены на нефть продолжили рост.",
    "В комнате стоял чад от подгоревшего масла.",
    "Нефть добывают в дельте Нигера уже полвека.",
    "Рыбаки вышли на озеро Чад на рассвете.",
    "Река Нигер разлилась после дождей.",
    "Майкл Джордан вернулся в баскетбол.",
    "Пэрис Хилтон приехала на вечеринку.",
    "Евросоюз ввёл новые санкции против компании.",
    "Решение ЕС вступит в силу в марте.",
    "Президент Владимир Путин провёл совещание.",
    "Вашингтон Ирвинг написал эту повесть.",
    "Он купил индейку к празднику.",
    "Валентина Терешкова полетела в космос.",
    "Ордена Ленина удостоен завод.",
    "The Niger Delta is rich in oil and gas.",
    "Fishermen returned from Lake Chad on Monday.",
    "Chad Smith said the deal would close soon.",
    "Michael Jordan scored 40 points last night.",
    "Paris Hilton arrived at the party with friends.",
    "Denzel Washington won the award for best actor.",
    "We ate turkey and potatoes for dinner.",
    "The EU imposed new sanctions on the company.",
    "EU ministers met in the morning.",
    "Jordan Peterson gave a lecture at the university.",
    "Georgia O'Keeffe painted flowers and bones.",
    "Victoria Beckham launched a new collection.",
    "Florence Pugh starred in the film.",
    "Lincoln Riley was hired as head coach.",
    "Aurora Jones designed the dress.",
    "Sydney Sweeney starred in the series.",
    "Nice work, said the manager after the game.",
    "The Mobile app was updated on Friday.",
    "Reading is good for children, the study said.",
    "He will split the bill with his friends.",
    "Police said the man was arrested at night.",
    "Chelsea Clinton spoke at the event.",
    "Austin Butler played Elvis in the film.",
    "Phoenix Suns won the game by ten points.",
    "George Washington was the first president.",
    "То есть Того, о котором говорили, уже нет.",
    "The Phoenix Suns won by ten points.",
    "Кости юрского периода нашли в карьере под городом.",
    "На ужин гостям подали пекинскую утку.",
    "Горские аулы стоят высоко на склонах.",
]

# (text, sentence, code, level): US states, foreign cities in both languages, Georgia by context.
PLACES = [
    ("South Dakota", "Farmers in South Dakota lost half of their crops this year.", "US-SD", "federal_subject"),
    ("Indiana", "The governor of Indiana signed the bill on Tuesday.", "US-IN", "federal_subject"),
    ("Lagos", "Police in Lagos arrested two men after the protest.", "NG-LA", "city"),
    ("Dubai", "Flights to Dubai resumed after the storm.", "AE-DU", "city"),
    ("Istanbul", "The summit was held in Istanbul last week.", "TR-34", "city"),
    ("Kharkiv", "The mayor of Kharkiv said three people died.", "UA-63", "city"),
    ("Georgia", "Georgia's governor signed the bill in Atlanta on Monday.", "US-GA", "federal_subject"),
    ("Georgia", "Georgia and Armenia signed a trade deal in Tbilisi.", "GE", "country"),
    ("Nairobi", "The company opened an office in Nairobi.", "KE-30", "city"),
    ("California", "Wildfires spread across California and Oregon.", "US-CA", "federal_subject"),
    ("Харькова", "Обстрелы Харькова продолжились ночью.", "UA-63", "city"),
    ("Стамбуле", "Саммит прошёл в Стамбуле на прошлой неделе.", "TR-34", "city"),
    ("Колорадо", "Губернатор штата Колорадо подписал закон вчера вечером в Денвере.", "US-CO", "federal_subject"),
    ("Денвере", "Губернатор штата Колорадо подписал закон вчера вечером в Денвере.", "US-CO", "city"),
    ("Нью-Йорке", "Он живёт в Нью-Йорке уже десять лет.", "US-NY", "city"),
    ("Лагоса", "Полиция Лагоса задержала двух человек.", "NG-LA", "city"),
    ("Дубай", "Рейсы в Дубай возобновились после шторма.", "AE-DU", "city"),
    ("Южной Дакоты", "Фермеры Южной Дакоты потеряли урожай.", "US-SD", "federal_subject"),
    ("Кировоградской области", "В Кировоградской области прошли выборы.", "UA-35", "federal_subject"),
    ("Чада", "Президент Чада прибыл в Париж с визитом.", "TD", "country"),
    ("Грузии", "Делегация Грузии прибыла в Тбилиси.", "GE", "country"),
    ("Калифорнию", "Лесные пожары охватили Калифорнию.", "US-CA", "federal_subject"),
    ("СССР", "Он родился в СССР в 1950 году.", "SU", "country"),
    ("Шотландии", "В Шотландии прошли выборы в парламент.", "GB-SCT", "federal_subject"),
    # adjectives made from the world's names (pipeline/knowledge/adjectives.py)
    ("аргентинская", "Об этом в субботу сообщила аргентинская пресса.", "AR", "country"),
    ("ливанской", "Министр встретился с главой ливанской делегации.", "LB", "country"),
    ("малийские", "Город заняли малийские военные при поддержке союзников.", "ML", "country"),
    ("техасского", "Губернатор подписал закон после решения техасского суда.", "US-TX", "federal_subject"),
    ("иллинойсских", "Выборы в иллинойсских округах прошли спокойно.", "US-IL", "federal_subject"),
    ("палестинской", "Переговоры с палестинской стороной возобновятся в мае.", "PS", "country"),
    ("кировоградских", "Пожары в кировоградских лесах потушили к утру.", "UA-35", "federal_subject"),
    # a country's adjective with «государство» is the country's name
    ("Палестинского государства", "Министры обсудили признание Палестинского государства.", "PS", "country"),
    ("российского государства", "Историк написал книгу о судьбе российского государства.", "RU", "country"),
    # each part of a compound adjective
    ("российско", "На фестивале выступила российско-британская певица.", "RU", "country"),
    ("британская", "На фестивале выступила российско-британская певица.", "GB", "country"),
    ("норвежско", "Фильм снят по норвежско-британскому соглашению.", "NO", "country"),
    ("британскому", "Фильм снят по норвежско-британскому соглашению.", "GB", "country"),
]


@pytest.mark.parametrize("sentence", TRAPS, ids=[t[:40] for t in TRAPS])
def test_a_trap_is_no_region(models: Models, sentence: str) -> None:
    regions = extract([sentence], models=models).regions
    assert list(zip(regions.text, regions.code, strict=True)) == []


def test_there_are_forty_traps_in_both_languages() -> None:
    russian = [t for t in TRAPS if any("а" <= ch <= "я" for ch in t.lower())]
    assert len(TRAPS) >= 40 and len(russian) >= 15 and len(TRAPS) - len(russian) >= 15


@pytest.mark.parametrize(("text", "sentence", "code", "level"), PLACES, ids=[f"{p[0]}-{p[2]}" for p in PLACES])
def test_a_place_resolves_to_its_subdivision(models: Models, text: str, sentence: str, code: str, level: str) -> None:
    regions = extract([sentence], models=models).regions
    assert (text, code, level) in set(zip(regions.text, regions.code, regions.level, strict=True))


@pytest.mark.parametrize(
    ("name", "country", "code"),
    [
        ("Kharkiv", "UA", "UA-63"),
        ("Lagos", "NG", "NG-LA"),
        ("Istanbul", "TR", "TR-34"),
        ("Dubai", "AE", "AE-DU"),
        ("Indianapolis", "US", "US-IN"),
        ("Perm", "RU", "RU-PER"),
    ],
)
def test_geonames_divisions_map_to_iso_codes(name: str, country: str, code: str) -> None:
    assert {e.code for e, _, _ in cities() if e.name_en == name and e.code.startswith(country)} == {code}


def test_admin1_votes_follow_the_town_a_region_is_named_after() -> None:
    towns = [
        ({"countrycode": "UA", "admin1code": "07", "population": 1_400_000}, ["Kharkiv"]),
        ({"countrycode": "UA", "admin1code": "07", "population": 20_000}, ["Izium"]),
    ]
    assert admin1_codes(towns) == {("UA", "07"): "UA-63"}


@pytest.mark.parametrize("order", [("RU-MOS", "RU-MOW"), ("RU-MOW", "RU-MOS")])
def test_a_tied_admin1_vote_is_decided_the_same_whatever_the_order(order: tuple[str, str]) -> None:
    votes = {("RU", "48"): Counter(dict.fromkeys(order, 500_000))}  # a town named after both Moscows
    assert _resolve_votes(votes, {("RU", "48")}, set(order)) == {("RU", "48"): "RU-MOS"}


def test_every_iso_subdivision_is_in_the_gazetteer() -> None:
    import pycountry

    codes = {e.code for e, _, _ in subdivisions()}
    assert codes == {s.code for s in pycountry.subdivisions}
    gazetteer = default_gazetteer()
    indexed = {c[0].code for options in gazetteer.english.values() for _, c in options}
    assert codes <= indexed


def test_the_eu_is_no_region() -> None:
    gazetteer = default_gazetteer()
    assert not any(c[0].code == "EU" for options in gazetteer.english.values() for _, c in options)


def test_the_gazetteer_is_built_once_per_process() -> None:
    assert default_gazetteer() is default_gazetteer()


@pytest.mark.parametrize(
    ("name", "lemmas"),
    [
        ("Катар", {"катарский"}),
        ("Аргентина", {"аргентинский"}),
        ("Калифорния", {"калифорнийский"}),
        ("Мали", {"малийский"}),
        ("Тайвань", {"тайваньский", "тайванский"}),
        ("Массачусетс", {"массачусетский", "массачусетсский"}),
    ],
)
def test_an_adjective_is_made_from_a_place_name(name: str, lemmas: set[str]) -> None:
    assert lemmas_of(name) == lemmas


@pytest.mark.parametrize(
    ("name", "lemmas"),
    [
        ("Кировоградская область", {"кировоградский"}),
        ("Палестинские территории", {"палестинский"}),
        ("Устецкий край", {"устецкий"}),
        ("Французская Полинезия", set()),
        ("Западно-Казахстанская область", set()),
    ],
)
def test_a_name_that_is_an_adjective_gives_it(name: str, lemmas: set[str]) -> None:
    generic = {"область", "территории", "край"}
    assert named_by_adjective(name, generic.__contains__) == lemmas


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the longest name wins over its first word's shorter names, and its full stop stays out
        ("Flights to New South Wales resumed.", ["New South Wales"]),
        ("Talks in San Francisco. Later, in New York.", ["San Francisco", "New York"]),
        # a common first word with no name after it starts nothing; the next word still can
        ("The minister and the council met on Friday.", []),
        ("Sanctions on North Korea and South Korea's reply", ["North Korea", "South Korea"]),
    ],
)
def test_english_names_match_longest_first(text: str, expected: list[str]) -> None:
    assert [text[m.start : m.end] for m in _english(text, default_gazetteer())] == expected


@pytest.mark.parametrize("starts", [None, [0, 1, 3, 4, 5], [1, 4]])
def test_longest_matches_skips_what_a_match_covers(starts: list[int] | None) -> None:
    lengths = {0: 2, 1: 1, 3: 3, 4: 1}  # position → the length of the match that starts there
    found = list(longest_matches(7, lambda i: (lengths[i],) if i in lengths else None, starts))
    expected = {None: [(0, (2,)), (3, (3,))], 0: [(0, (2,)), (3, (3,))], 1: [(1, (1,)), (4, (1,))]}
    assert found == expected[None if starts is None else starts[0]]
