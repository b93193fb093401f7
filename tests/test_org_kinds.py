"""Organisation kinds from the words of their names, on names as news write them."""

import pytest

from pipeline import extract
from pipeline.facts.organisations import org_kind, word_after, word_before
from pipeline.ner.recognise import Models

CASES = [
    ("rosneft", "Компания Роснефть увеличила добычу нефти.", "Роснефть", "company"),
    ("boeing", "Boeing delivered fewer planes in March, the company said.", "Boeing", "company"),
    ("club", "Футбольный клуб «Крылья Советов» обыграл соперника.", "Крылья Советов", "other"),
    ("nadzor", "Роскомнадзор заблокировал сайт в понедельник.", "Роскомнадзор", "government"),
    ("duma", "Законопроект внесли в Госдуму в среду.", "Госдума", "government"),
    ("channel", "Об этом сообщил Первый канал.", "Первый канал", "media"),
    ("navy", "Корабль ВМС США вошёл в Чёрное море во вторник.", "ВМС США", "government"),
    ("site", "Об этом сообщает казахстанский портал BNews.kz.", "BNews.kz", "media"),
    ("noun-before-company", "Контракт получила шведская строительная компания Skanska.", "Skanska", "company"),
    ("national-police", "Нацполиция задержала двоих подозреваемых в Харькове.", "Нацполиция", "government"),
    ("noun-after-newspaper", "Le Quotidien newspaper said the minister had resigned.", "Le Quotidien", "media"),
    ("noun-before-magazine", "Интервью вышло в журнале «Огонёк» в четверг.", "Огонёк", "media"),
]


@pytest.mark.parametrize(("text", "name", "kind"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_org_kind(models: Models, text: str, name: str, kind: str) -> None:
    orgs = extract([text], models=models).organisations
    assert (name, kind) in set(zip(orgs.name, orgs.kind, strict=True))


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Цзяннаньская судоверфь", "company"),
        ("Хорошевский суд Москвы", "government"),
        ("МГУ", "education"),
        ("Central Bank of Nigeria", "government"),
        ("Вооружённые силы Украины", "government"),
        ("Королевские ВВС", "government"),
        ("Royal Navy", "government"),
        ("МАГАТЭ", "government"),
        ("КГБ", "government"),
        ("Lenta.ru", "media"),
        ("ОВД-Инфо", "media"),
        ("НТВ", "media"),
        ("Армения", "other"),
        ("Госсовет Китая", "government"),
        ("Комсомольская правда", "media"),
        ("Металлоинвест", "company"),
        ("Северсталь", "company"),
        ("Киностудия имени Горького", "company"),
        ("Нацполиция", "government"),
        ("Национальная служба здравоохранения", "government"),
        ("World Health Organization", "government"),
        ("ВОЗ", "government"),
        ("Военно-воздушные силы Франции", "government"),
        ("British Armed Forces", "government"),
        ("МВФ", "government"),
        ("Сорбонны", "education"),
        ("Лебединский ГОК", "company"),
        ("Стойленский горно-обогатительный комбинат", "company"),
        ("Bank of England", "government"),
        ("Банка Японии", "government"),
        ("Bank of Scotland", "company"),
        ("Федеральной резервной системы", "government"),
        ("House of Commons", "government"),
        ("Бундестаг", "government"),
        ("Warsaw Stock Exchange", "company"),
        ("Salomon Bros.", "company"),
        ("Nestle SA", "company"),
        ("Philips NV", "company"),
        ("Day Is My Enemy", "other"),
        ("Крыльев Советов", "other"),
        ("Xinhua News Agency", "media"),
        ("Информационное агентство «Башинформ»", "media"),
        ("White House's", "government"),
        ("Palestinian Authority", "government"),
        ("Cairo Prosecution", "government"),
        ("San Francisco Chronicle", "media"),
        ("Miami Herald", "media"),
        ("Палаты представителей Конгресса", "government"),
        ("Chamber of Deputies", "government"),
        ("АН Украины", "education"),
        ("Renaissance Associates", "company"),
        ("International Monetary Fund", "government"),
        ("Всемирного банка", "government"),
        ("BOJ", "government"),
        ("Office for National Statistics", "government"),
        ("Reuters Moscow Bureau", "media"),
        ("Air Canada", "company"),
        ("Royal Canadian Air Force", "government"),
        ("Kyodo", "media"),
        ("Би-би-си", "media"),
        ("Агентство Франс Пресс", "media"),
        ("Foreign Press Association", "other"),
        ("British Embassy", "government"),
        ("Генеральное консульство России", "government"),
        ("Coast Guard", "government"),
        ("Росгвардия", "government"),
        ("Совбеза", "government"),
        ("Совет директоров", "company"),
        ("Capital Group Management", "company"),
        ("Генпрокуратуры Украины", "government"),
        ("Лукьяновский следственный изолятор", "government"),
        ("Кабинет министров Украины", "government"),
        ("UNHCR", "government"),
        ("U.N.", "government"),
        ("Интерфакс-Казахстан", "media"),
        ("Бумага.ру", "media"),
        ("Businessnews", "media"),
        ("Гарварда", "education"),
        ("Научный центр неврологии", "education"),
        ("Pulkovo Observatory", "education"),
        ("Smith & Nephew", "company"),
        ("Jardine Matheson Co.", "company"),
        ("Qatar Airline", "company"),
        ("Allman Brothers", "other"),
        ("European Union", "government"),
        ("Европейского союза", "government"),
        ("Федерального собрания", "government"),
        ("Общественной палаты", "government"),
        ("Лондонская фондовая биржа", "company"),
        ("Lionsgate Entertainment", "company"),
    ],
    ids=[
        "shipyard-not-court",
        "court",
        "acronym",
        "central-bank",
        "armed-forces",
        "air-force",
        "navy",
        "intergovernmental",
        "security-service",
        "site-address",
        "info-project",
        "tv-acronym",
        "army-stem-not-armenia",
        "council-inside-a-word",
        "pravda",
        "invest-inside-a-word",
        "steel-inside-a-word",
        "film-studio",
        "police-inside-a-word",
        "health-service",
        "who",
        "who-acronym",
        "air-force-ru",
        "armed-forces-en",
        "imf",
        "sorbonne",
        "mining-plant-acronym",
        "mining-plant",
        "central-bank-by-country",
        "central-bank-inflected",
        "commercial-bank",
        "federal-reserve",
        "commons",
        "bundestag",
        "exchange",
        "family-firm",
        "trailing-legal-form",
        "trailing-legal-form-nv",
        "no-legal-form-in-lower-case",
        "stems-of-each-word",
        "news-agency-no-state-agency",
        "news-agency-ru",
        "seat-of-government",
        "authority",
        "prosecution",
        "chronicle",
        "herald",
        "house-of-representatives",
        "chamber-of-deputies",
        "academy-of-sciences",
        "associates",
        "imf",
        "world-bank",
        "central-bank-acronym",
        "statistics-office",
        "agency-name-inside",
        "airline",
        "air-force-no-airline",
        "news-agency-short-name",
        "broadcaster-ru",
        "news-agency-before-agency",
        "association-no-state-body",
        "embassy",
        "consulate",
        "coast-guard",
        "national-guard",
        "security-council-short",
        "board-no-council-of-state",
        "management-firm",
        "prosecutor-general",
        "pre-trial-prison",
        "cabinet",
        "un-agency",
        "un-dotted",
        "agency-name-with-hyphen",
        "site-ru",
        "news-inside-a-word",
        "harvard-inflected",
        "research-centre",
        "observatory",
        "ampersand",
        "co-dot",
        "airline-singular",
        "band-of-brothers",
        "eu",
        "eu-ru",
        "federal-assembly",
        "public-chamber",
        "exchange-ru",
        "entertainment-firm",
    ],
)
def test_kind_of_a_name(name: str, kind: str) -> None:
    assert org_kind(name, None) == kind


@pytest.mark.parametrize(
    ("name", "legal_form", "before", "kind"),
    [
        ("Skanska", None, "компании", "company"),
        ("Огонёк", None, "журнал", "media"),
        ("Le Monde", None, "newspaper", "media"),
        ("Tesla", None, "carmaker", "company"),
        ("«Деловой Петербург»", None, "корреспондент", "media"),
        ("Yonhap", None, "news agency", "media"),
        ("Frontex", None, "state agency", "government"),  # the embedding's kind
        ("Citadel", None, "в хедж-фонде", "company"),
        ("Telstra", None, "telecoms operator", "company"),
        ("Fox Business", None, "television network", "media"),
        ("Нива", None, "сообщает", "media"),
        ("The Lancet", None, "the journal", "media"),
        ("Cathay", None, "flag carrier", "company"),
        ("Euronews", None, "и канал", "media"),
        ("Le Monde", None, "сказал", "media"),  # the embedding's kind
        ("Первый канал", None, "компании", "media"),  # the name's own words first
        ("«Поиск пропавших»", "АНО", "", "other"),  # a non-profit's legal form tells no company
        ("«Викимедиа РУ»", "НП", "компании", "other"),
        ("«Ромашка»", "ООО", "", "company"),
        ("«Мосводоканал»", "ГУП", "", "company"),
    ],
    ids=[
        "company-noun",
        "magazine-noun",
        "english-newspaper",
        "english-carmaker",
        "journalist-noun",
        "two-words",
        "agency-alone-tells-nothing",
        "hedge-fund",
        "operator",
        "network",
        "reports-verb",
        "journal",
        "carrier",
        "channel-ru",
        "verb-tells-nothing",
        "name-words-first",
        "non-profit-form",
        "form-before-noun",
        "llc",
        "state-enterprise",
    ],
)
def test_kind_from_form_and_the_word_before(name: str, legal_form: str | None, before: str, kind: str) -> None:
    assert org_kind(name, legal_form, before) == kind


@pytest.mark.parametrize(
    ("name", "after", "kind"),
    [
        ("Le Soir", "newspaper", "media"),
        ("The Sun", "tabloid", "media"),
        ("Al-Ahram", "newspapers", "media"),
        ("Channel 5", "reporter", "media"),
        ("Zoom", "shares", "company"),
        ("Zoom", "CEO", "company"),
        ("Ohio House", "speaker", "government"),
        ("Le Soir", "said", "media"),  # the embedding's kind
    ],
)
def test_kind_from_the_word_after(name: str, after: str, kind: str) -> None:
    assert org_kind(name, None, "", after) == kind


@pytest.mark.parametrize(
    ("text", "end", "word"),
    [
        ("Le Matin newspaper said", 8, "newspaper"),
        ("in «Огонёк» magazine", 10, "magazine"),
        ("Zoom’s shares fell", 4, "shares"),
        ("Le Matin", 8, ""),
    ],
)
def test_word_after(text: str, end: int, word: str) -> None:
    assert word_after(text, end) == word


@pytest.mark.parametrize(
    ("text", "start", "word"),
    [
        ("Интервью вышло в журнале «Огонёк»", 26, "в журнале"),
        ("акции компании Skanska", 15, "акции компании"),
        ("the state news agency KCNA", 22, "news agency"),
        ("said, KCNA", 6, ""),
        ("the carmaker “Tesla”", 13, "the carmaker"),
        ("Skanska", 0, ""),
    ],
)
def test_word_before(text: str, start: int, word: str) -> None:
    assert word_before(text, start) == word


@pytest.mark.parametrize(
    ("name", "kind"),
    [("DoorDash", "company"), ("eBay", "company"), ("РусГидро", "company"), ("Deliveroo", "other")],
)
def test_a_brand_inner_capital_makes_a_company(name: str, kind: str) -> None:
    assert org_kind(name, None) == kind
