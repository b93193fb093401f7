"""Document-level NER repair on hand-made analyses (the rules themselves, without a model)."""

import re
from dataclasses import replace

import pytest

from pipeline import extract
from pipeline.knowledge.lexicon import trie_pattern
from pipeline.knowledge.places import region_names
from pipeline.ner.recognise import Models
from pipeline.ner.repair import repair, title_by_text, whole_word_occurrences
from pipeline.records import Analysis, Article, Label, Mention, Token


def _analysis(text: str, *spans: tuple[str, Label], language: str = "en") -> Analysis:
    mentions = []
    for name, label in spans:
        start = text.index(name)
        mentions.append(Mention(label, name, start, start + len(name), name, label.value))
    return Analysis(Article("id", "src", text, language=language), (), tuple(mentions))


def _found(analysis: Analysis) -> list[tuple[str, str, int]]:
    return [(m.text, m.label.value, m.start) for m in repair(analysis, region_names()).mentions]


@pytest.mark.parametrize(
    ("text", "spans", "expected"),
    [
        pytest.param("Perm Krai grew.", [("Perm Krai", Label.PER)], [("Perm Krai", "LOC", 0)], id="region name → LOC"),
        pytest.param(
            "Ruschem Holding said so.",
            [("Ruschem Holding", Label.MISC)],
            [("Ruschem Holding", "ORG", 0)],
            id="cue → ORG",
        ),
        pytest.param("BelTA reported.", [("BelTA", Label.PER)], [("BelTA", "ORG", 0)], id="media → ORG"),
        pytest.param(
            "Acme Corp won. Acme Corp lost. Acme Corp said.",
            [("Acme Corp", Label.ORG)],
            [("Acme Corp", "ORG", 0), ("Acme Corp", "ORG", 15), ("Acme Corp", "ORG", 31)],
            id="missed repeats added",
        ),
        pytest.param(
            "St. Louis\nSt.\nLouis", [("St. Louis", Label.LOC)], [("St. Louis", "LOC", 0)], id="not across lines"
        ),
        pytest.param(
            "Alexei Burakov spoke.", [("Burakov", Label.PER)], [("Alexei Burakov", "PER", 0)], id="first name joins"
        ),
        pytest.param(
            "Ambassador of Belarus to Russia Dmitry Krutoi came.",
            [("Russia Dmitry Krutoi", Label.ORG)],
            [("Russia", "LOC", 25), ("Dmitry Krutoi", "PER", 32)],
            id="first name splits",
        ),
    ],
)
def test_repair(text: str, spans: list[tuple[str, Label]], expected: list[tuple[str, str, int]]) -> None:
    assert _found(_analysis(text, *spans)) == expected


@pytest.mark.parametrize(
    ("text", "span", "label", "expected"),
    [
        pytest.param(
            "Фонд развития города (ФРМ) открыл приём заявок.",
            "Фонд развития города (ФРМ)",
            Label.ORG,
            [("Фонд развития города", "ORG"), ("ФРМ", "ORG")],
            id="alias",
        ),
        pytest.param(
            "В финал вышел Мохамед Салах (Mohamed Salah).",
            "Мохамед Салах (Mohamed Salah)",
            Label.PER,
            [("Мохамед Салах", "PER"), ("Mohamed Salah", "PER")],
            id="spelling",
        ),
        pytest.param(
            "Партия «Союз за Гану» (Union pour le Ghana, UPG) выдвинула кандидата.",
            "«Союз за Гану» (Union pour le Ghana, UPG)",
            Label.ORG,
            [("«Союз за Гану»", "ORG"), ("Union pour le Ghana", "ORG"), ("UPG", "ORG")],
            id="original-and-acronym",
        ),
        pytest.param(
            "Данные дала NHS (Национальная служба здравоохранения Англии).",
            "NHS (Национальная служба здравоохранения",
            Label.ORG,
            [("NHS", "ORG"), ("Национальная служба здравоохранения", "ORG")],
            id="unclosed",
        ),
        pytest.param(
            "Жители Кировоградской (Кропивницкой) области проголосовали.",
            "Кировоградской (Кропивницкой) области",
            Label.LOC,
            [("Кировоградской (Кропивницкой) области", "LOC")],
            id="bracket-inside-kept",
        ),
        pytest.param(
            "Выступил Иван Петров (1950—2010).",
            "Иван Петров (1950—2010)",
            Label.PER,
            [("Иван Петров", "PER")],
            id="years-dropped",
        ),
    ],
)
def test_a_bracket_ending_a_span_is_split_off(
    text: str, span: str, label: Label, expected: list[tuple[str, str]]
) -> None:
    found = repair(_analysis(text, (span, label), language="ru"), region_names()).mentions
    assert [(m.text, m.label.value) for m in found] == expected
    assert all(text[m.start : m.end] == m.text for m in found)


@pytest.mark.parametrize(
    ("words", "text", "match"),
    [
        (["may", "march", "mar"], "march", "march"),
        (["may", "march", "mar"], "mar", "mar"),
        (["end of", "end"], "end  of", "end  of"),
        (["a.b", "ab"], "a.b", "a.b"),
    ],
)
def test_trie_pattern_matches_exactly_its_words_longest_first(words: list[str], text: str, match: str) -> None:
    import re

    found = re.match(trie_pattern(words), text)
    assert found is not None and found.group(0) == match


@pytest.mark.parametrize(
    ("names", "text", "found"),
    [
        (["Perm", "Perm Krai"], "Perm Krai and Perm.", ["Perm Krai", "Perm"]),
        (["Perm"], "Permian and Perm_x and Perm", ["Perm"]),
        (["Махонин"], "Махонину сказал Махонин.", ["Махонин"]),
        (["Alpha Beta", "Beta Gamma"], "Alpha Beta Gamma", ["Alpha Beta"]),
        (["ТАСС", "РИА"], "(ТАСС) РИАН РИА", ["ТАСС", "РИА"]),
        (["A.B. Co"], "A.B. Co, A.B. Co.", ["A.B. Co", "A.B. Co"]),
        ([], "Perm", []),
    ],
    ids=["longest-first", "whole-words", "cyrillic", "no-overlap", "brackets", "dots", "no-names"],
)
def test_whole_word_occurrences(names: list[str], text: str, found: list[str]) -> None:
    spans = whole_word_occurrences(text, names)
    assert [text[s:e] for s, e in spans] == found
    if names:  # the same as one regex alternation of the names
        regex = re.compile(rf"(?<!\w){trie_pattern(names, any_space=False)}(?!\w)")
        assert spans == [m.span() for m in regex.finditer(text)]


@pytest.mark.parametrize(
    ("text", "surname"),
    [
        ("Chinese runner Wang Donghai won the race. Wang said he was happy, and Wang thanked his coach.", "Wang"),
    ],
    ids=["surname-first"],
)
def test_a_known_persons_surname_is_no_organisation(models: Models, text: str, surname: str) -> None:
    mentions = extract([text], models=models).mentions
    labels = {str(label) for label, name in zip(mentions.label, mentions.text, strict=True) if name == surname}
    assert labels == {"PER"}


def _spans_at(text: str, *spans: tuple[str, int, Label, str], language: str = "ru") -> Analysis:
    """Mentions given as (text, occurrence, label, normal form): the n-th occurrence of the text."""
    mentions = []
    for name, occurrence, label, normal in spans:
        start = [m.start() for m in re.finditer(re.escape(name), text)][occurrence]
        mentions.append(Mention(label, name, start, start + len(name), normal, label.value))
    return Analysis(Article("id", "src", text, language=language), (), tuple(mentions))


@pytest.mark.parametrize(
    ("text", "spans", "expected"),
    [
        pytest.param(
            "Лидеры ЕС договорились о новом пакете санкций.",
            [("ЕС", 0, Label.LOC, "ЕС")],
            [("ЕС", "ORG", 7)],
            id="ЕС read as a place → ORG",
        ),
        pytest.param(
            "Решение Евросоюза вступит в силу в марте.",
            [("Евросоюза", 0, Label.LOC, "Евросоюз")],
            [("Евросоюза", "ORG", 8)],
            id="inflected body, by its normal form → ORG",
        ),
        pytest.param(
            "Trade talks with the EU resumed on Monday.",
            [("EU", 0, Label.LOC, "EU")],
            [("EU", "ORG", 21)],
            id="English body abbreviation → ORG",
        ),
        pytest.param(
            "Посол Италии в Грузии встретился с министром.",
            [("Италии", 0, Label.LOC, "Италия"), ("Грузии", 0, Label.LOC, "Грузия")],
            [("Италии", "LOC", 6), ("Грузии", "LOC", 15)],
            id="a country stays a place",
        ),
    ],
)
def test_a_public_body_is_an_organisation(
    text: str, spans: list[tuple[str, int, Label, str]], expected: list[tuple[str, str, int]]
) -> None:
    language = "en" if text.isascii() else "ru"
    assert _found(_spans_at(text, *spans, language=language)) == expected


_SKOLKOVO = "Форум прошёл в Сколково. Фонд «Сколково» выдал гранты, и резиденты «Сколково» получили льготы."
_EAGLE = "Eagle Ridge reported a loss. Shares of Eagle Ridge fell, and Eagle Ridge cut jobs."


@pytest.mark.parametrize(
    ("text", "spans", "language", "expected"),
    [
        pytest.param(
            _SKOLKOVO,
            [
                ("Сколково", 0, Label.LOC, "Сколково"),
                ("Сколково", 1, Label.ORG, "Сколково"),
                ("Сколково", 2, Label.ORG, "Сколково"),
            ],
            "ru",
            ["LOC", "ORG", "ORG"],
            id="ru: the place and the foundation keep their labels",
        ),
        pytest.param(
            _SKOLKOVO,
            [
                ("Сколково", 0, Label.PER, "Сколково"),
                ("Сколково", 1, Label.ORG, "Сколково"),
                ("Сколково", 2, Label.ORG, "Сколково"),
            ],
            "ru",
            ["ORG", "ORG", "ORG"],
            id="ru: a lone person reading still follows the vote",
        ),
        pytest.param(
            _EAGLE,
            [
                ("Eagle Ridge", 0, Label.LOC, "Eagle Ridge"),
                ("Eagle Ridge", 1, Label.ORG, "Eagle Ridge"),
                ("Eagle Ridge", 2, Label.ORG, "Eagle Ridge"),
            ],
            "en",
            ["ORG", "ORG", "ORG"],
            id="en: the vote still unifies place and organisation",
        ),
    ],
)
def test_the_russian_vote_keeps_place_and_organisation_apart(
    text: str, spans: list[tuple[str, int, Label, str]], language: str, expected: list[str]
) -> None:
    analysis = _spans_at(text, *spans, language=language)
    assert [label for _, label, _ in _found(analysis)] == expected


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Страны ЕС согласовали новый пакет санкций против Ирана, сообщили в Брюсселе.", "ЕС"),
    ],
    ids=["ЕС"],
)
def test_the_russian_model_reading_of_a_body_is_repaired(models: Models, text: str, name: str) -> None:
    mentions = extract([{"text": text, "language": "ru"}], models=models).mentions
    assert {str(label) for label, t in zip(mentions.label, mentions.text, strict=True) if t == name} == {"ORG"}


@pytest.mark.parametrize(
    ("text", "spans", "expected"),
    [
        pytest.param(
            "Somerset 83 and 174 (P. Simmons 4-38), Leicestershire 296.",
            [("Somerset", Label.LOC), ("Leicestershire", Label.LOC)],
            ["ORG", "ORG"],
            id="county sides on a cricket results line",
        ),
        pytest.param(
            "Minnesota 6 MILWAUKEE 1",
            [("Minnesota", Label.LOC)],
            ["ORG", "ORG"],
            id="a baseball score line",
        ),
        pytest.param(
            "Sri Lanka 230, Australia 231-5 (46.3 overs).",
            [("Sri Lanka", Label.LOC), ("Australia", Label.LOC)],
            ["LOC", "LOC"],
            id="national sides keep the country",
        ),
        pytest.param(
            "Population grew fastest in Texas 29 million, Florida 21 million.",
            [("Texas", Label.LOC), ("Florida", Label.LOC)],
            ["LOC", "LOC"],
            id="figures with a unit are no score",
        ),
        pytest.param(
            "Texas 3 Oklahoma 2",
            [("Texas", Label.LOC), ("Oklahoma", Label.LOC)],
            ["ORG", "ORG"],
            id="two teams, two scores",
        ),
        pytest.param(
            "He moved to Boston 12 years ago.",
            [("Boston", Label.LOC)],
            ["LOC"],
            id="one name with a number is no results line",
        ),
    ],
)
def test_a_place_with_a_score_on_a_results_line_is_a_team(
    text: str, spans: list[tuple[str, Label]], expected: list[str]
) -> None:
    assert [label for _, label, _ in _found(_analysis(text, *spans))] == expected


@pytest.mark.parametrize(
    ("text", "spans", "expected"),
    [
        pytest.param(
            "Как сообщают СМИ, сделка сорвалась в последний момент.",
            [("СМИ", Label.ORG)],
            [],
            id="«СМИ» (the media) is no organisation",
        ),
        pytest.param(
            "Как сообщает Интерфакс, сделка сорвалась в последний момент.",
            [("Интерфакс", Label.ORG)],
            [("Интерфакс", "ORG", 13)],
            id="a named agency stays",
        ),
    ],
)
def test_a_word_that_names_no_organisation_is_dropped(
    text: str, spans: list[tuple[str, Label]], expected: list[tuple[str, str, int]]
) -> None:
    assert _found(_analysis(text, *spans, language="ru")) == expected


@pytest.mark.parametrize(
    ("text", "spans", "expected"),
    [
        pytest.param(
            "At Headingley (Leeds): Yorkshire 290 and 329, Essex 372 and 100-5.",
            [("Headingley", Label.LOC), ("Leeds", Label.LOC)],
            [("Headingley", "LOC", 3), ("Leeds", "LOC", 15), ("Yorkshire", "ORG", 23), ("Essex", "ORG", 46)],
            id="county sides the model missed",
        ),
        pytest.param(
            "CHICAGO 3 Atlanta 2 (1st game)",
            [],
            [("CHICAGO", "ORG", 0), ("Atlanta", "ORG", 10)],
            id="a baseball score line in capitals",
        ),
        pytest.param(
            "Surrey 429-7 (C. Lewis 80 not out, M. Butcher 70)",
            [],
            [("Surrey", "ORG", 0)],
            id="players' figures in brackets are no team",
        ),
        pytest.param(
            "AUSTRALIA 231-5, Sri Lanka 230",
            [],
            [],
            id="national sides, even in capitals, are no team",
        ),
        pytest.param(
            "August 20 and September 3 are the dates of the two votes.",
            [],
            [],
            id="months with a day are no team",
        ),
    ],
)
def test_a_missed_name_with_a_score_on_a_results_line_is_a_team(
    text: str, spans: list[tuple[str, Label]], expected: list[tuple[str, str, int]]
) -> None:
    assert _found(_analysis(text, *spans)) == expected


@pytest.mark.parametrize(
    ("text", "spans", "expected"),
    [
        pytest.param(
            "Manchester United beat Burnley on Saturday.",
            [("Manchester United", Label.PER)],
            [("Manchester United", "ORG", 0)],
            id="a town and a club word",
        ),
        pytest.param(
            "Villa fans were angry after Aston Villa lost again.",
            [("Villa", Label.ORG), ("Aston Villa", Label.PER)],
            [("Villa", "ORG", 0), ("Aston Villa", "ORG", 28)],
            id="the club word alone an organisation",
        ),
        pytest.param(
            "Real Madrid signed a new goalkeeper.",
            [("Real Madrid", Label.PER)],
            [("Real Madrid", "ORG", 0)],
            id="a club word first",
        ),
        pytest.param(
            "David Villa scored twice for New York.",
            [("David Villa", Label.PER)],
            [("David Villa", "PER", 0)],
            id="a first name keeps the person",
        ),
        pytest.param(
            "Forbes Town said the plan was fair.",
            [("Forbes Town", Label.PER)],
            [("Forbes Town", "PER", 0)],
            id="no place and no club alone",
        ),
    ],
)
def test_a_person_with_a_town_and_a_club_word_is_a_club(
    text: str, spans: list[tuple[str, Label]], expected: list[tuple[str, str, int]]
) -> None:
    assert _found(_analysis(text, *spans)) == expected


@pytest.mark.parametrize(
    ("title", "title_spans", "text", "text_spans", "expected"),
    [
        pytest.param(
            "Harry Kane Hints At Summer Move",
            [("Harry Kane", Label.ORG)],
            "Harry Kane said on Sunday that he would talk to the club.",
            [("Harry Kane", Label.PER)],
            [("Harry Kane", "PER")],
            id="a name the text reads as a person",
        ),
        pytest.param(
            "Kane Wants Out",
            [("Kane", Label.ORG)],
            "Harry Kane said on Sunday that he would talk to the club.",
            [("Harry Kane", Label.PER)],
            [("Kane", "PER")],
            id="a person's surname",
        ),
        pytest.param(
            "Instagram Post Angers Fans",
            [("Instagram", Label.PER)],
            "The singer wrote on Instagram that the tour was off, and Instagram removed the post.",
            [("Instagram", Label.ORG)],
            [("Instagram", "ORG")],
            id="an organisation of the text",
        ),
        pytest.param(
            "Acme Unveils New Phone",
            [("Acme", Label.ORG)],
            "The company showed the phone in Berlin.",
            [("Berlin", Label.LOC)],
            [("Acme", "ORG")],
            id="a name the text lacks keeps its label",
        ),
    ],
)
def test_a_headline_takes_its_texts_labels(
    title: str,
    title_spans: list[tuple[str, Label]],
    text: str,
    text_spans: list[tuple[str, Label]],
    expected: list[tuple[str, str]],
) -> None:
    headline = title_by_text(_analysis(title, *title_spans), _analysis(text, *text_spans))
    assert [(m.text, m.label.value) for m in headline.mentions] == expected


@pytest.mark.parametrize(
    ("text", "spans", "language", "expected"),
    [
        pytest.param(
            "LEEDS (Reuters) - The council approved the new tram line on Monday.",
            [("LEEDS", Label.ORG), ("Reuters", Label.ORG)],
            "en",
            [("LEEDS", "LOC", 0), ("Reuters", "ORG", 7)],
            id="a dateline's place with an agency",
        ),
        pytest.param(
            "BOULDER, Colo. -- A wildfire forced hundreds of families from their homes.",
            [("BOULDER", Label.ORG)],
            "en",
            [("BOULDER", "LOC", 0)],
            id="a dateline without an agency",
        ),
        pytest.param(
            "САЛИНАС, Калифорния. (AP) – Пожар уничтожил склад.",
            [("Калифорния.", Label.ORG), ("AP", Label.ORG)],
            "ru",
            [("Калифорния", "LOC", 9), ("AP", "ORG", 22)],
            id="a Russian dateline's region, its stop dropped",
        ),
        pytest.param(
            "NATO said on Monday - again - that the talks would go on.",
            [("NATO", Label.ORG)],
            "en",
            [("NATO", "ORG", 0)],
            id="no dateline",
        ),
    ],
)
def test_a_datelines_place_is_a_place(
    text: str, spans: list[tuple[str, Label]], language: str, expected: list[tuple[str, str, int]]
) -> None:
    assert _found(_analysis(text, *spans, language=language)) == expected


@pytest.mark.parametrize(
    ("text", "spans", "expected"),
    [
        pytest.param(
            "A Labour MP asked the minister about the bus fares.",
            [("Labour MP", Label.ORG)],
            [("Labour", "ORG", 2)],
            id="a member's title after the party",
        ),
        pytest.param(
            "Asked about the deal, Mr Hartley said the board would meet again.",
            [("Mr Hartley", Label.ORG)],
            [("Hartley", "PER", 25)],
            id="a courtesy title makes a person",
        ),
        pytest.param(
            "Fans followed the news on Twitter, where Twitter later removed the post.",
            [("Twitter", Label.PER)],
            [("Twitter", "ORG", 26), ("Twitter", "ORG", 41)],
            id="a platform is no person",
        ),
    ],
)
def test_english_spans_redrawn(text: str, spans: list[tuple[str, Label]], expected: list[tuple[str, str, int]]) -> None:
    assert _found(_analysis(text, *spans)) == expected


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        pytest.param(
            "Shares rose.\nOnce Acme Robotics signs the deal, work starts.",
            "Once Acme Robotics",
            "Acme Robotics",
            id="a word opening a paragraph",
        ),
        pytest.param(
            "Critics praised this National Gallery of Ireland show.",
            "this National Gallery of Ireland",
            "National Gallery of Ireland",
            id="a word in lower case",
        ),
        pytest.param("Shares rose as Acme Robotics signed.", "Acme Robotics", "Acme Robotics", id="a name as it is"),
    ],
)
def test_a_word_before_a_name_is_cut(text: str, name: str, expected: str) -> None:
    pos = {"Once": "SCONJ", "this": "DET", "as": "SCONJ"}
    tokens = [Token(m[0], m.start(), m.end(), m[0], pos.get(m[0], "PROPN")) for m in re.finditer(r"\w+|[^\w\s]", text)]
    start = text.index(name)
    mention = Mention(Label.ORG, name, start, start + len(name), name, "ORG")
    analysis = Analysis(Article("id", "src", text, language="en"), tuple(tokens), (mention,))
    found = [m.text for m in repair(analysis, region_names()).mentions if m.label == Label.ORG]
    assert found == [expected]


@pytest.mark.parametrize(
    ("text", "spans", "verbs", "expected"),
    [
        pytest.param(
            'The minister said on "Sky News Tonight" that the talks would go on.',
            [("Sky News", Label.ORG), ("Tonight", Label.DATE)],
            [],
            [("Sky News Tonight", "ORG", 22)],
            id="a channel's programme",
        ),
        pytest.param(
            'The banner read "Leeds United Are Back" above the stand.',
            [("Leeds United", Label.ORG)],
            ["Are"],
            [("Leeds United", "ORG", 17)],
            id="a quote with a verb is no name",
        ),
        pytest.param(
            'He told "Sky News" that he would stay.',
            [("Sky News", Label.ORG)],
            [],
            [("Sky News", "ORG", 9)],
            id="the whole quote already",
        ),
    ],
)
def test_an_organisation_in_a_quoted_name_is_the_whole_name(
    text: str, spans: list[tuple[str, Label]], verbs: list[str], expected: list[tuple[str, str, int]]
) -> None:
    analysis = _analysis(text, *spans)
    tokens = [
        Token(m[0], m.start(), m.end(), m[0], "AUX" if m[0] in verbs else "PROPN") for m in re.finditer(r"\w+", text)
    ]
    found = repair(replace(analysis, tokens=tuple(tokens)), region_names()).mentions
    assert [(m.text, m.label.value, m.start) for m in found if m.label in (Label.ORG, Label.PER)] == expected
