"""Document-level NER repair on hand-made analyses (the rules themselves, without a model)."""

import re

import pytest

from pipeline import extract
from pipeline.knowledge.lexicon import trie_pattern
from pipeline.knowledge.places import region_names
from pipeline.ner.recognise import Models
from pipeline.ner.repair import repair, whole_word_occurrences
from pipeline.records import Analysis, Article, Label, Mention


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
