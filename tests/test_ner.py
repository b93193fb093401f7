import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from pipeline.ner.recognise import Models, recognise
from pipeline.ner.russian import _MONEY_CUE, _date_cue, cue_windows
from pipeline.records import Analysis, Article, Label, Skip, Status
from pipeline.settings import Settings

EN = "Perm Krai Governor Dmitry Makhonin met JSC Metafrax Chemicals in Perm on 9 November 2023."
RU = "Губернатор Алексей Русских посетил Центр развития промышленности Ульяновской области 9 ноября."


def _analyse(models: Models, *articles: Article) -> list[Analysis | Skip]:
    return list(recognise(articles, models))


def test_both_backends_emit_aligned_mentions_and_tokens(models: Models) -> None:
    en, ru = _analyse(models, Article("e", "s", EN, language="en"), Article("r", "s", RU, language="ru"))
    for analysis in (en, ru):
        assert isinstance(analysis, Analysis)
        assert analysis.mentions and analysis.tokens
        for m in analysis.mentions:
            assert analysis.article.text[m.start : m.end] == m.text
            assert isinstance(m.label, Label)
        assert all(analysis.article.text[t.start : t.end] == t.text for t in analysis.tokens)


def test_english_labels_map_to_the_shared_set(models: Models) -> None:
    [analysis] = _analyse(models, Article("e", "s", EN, language="en"))
    assert isinstance(analysis, Analysis)
    labels = {(m.text, m.label) for m in analysis.mentions}
    assert ("Dmitry Makhonin", Label.PER) in labels
    assert ("JSC Metafrax Chemicals", Label.ORG) in labels
    assert ("9 November 2023", Label.DATE) in labels


def test_russian_normal_forms_are_nominative_with_yo_kept(models: Models) -> None:
    text = "Встреча прошла в Центре развития промышленности. Глава Республики Мордовия Артём Здунов выступил."
    [analysis] = _analyse(models, Article("r", "s", text, language="ru"))
    assert isinstance(analysis, Analysis)
    normals = {m.text: m.normal for m in analysis.mentions}
    assert normals["Центре развития промышленности"] == "Центр развития промышленности"
    assert normals["Республики Мордовия"] == "Республика Мордовия"
    assert normals["Артём Здунов"] == "Артём Здунов"


def test_russian_dates_and_money_come_from_natashas_extractors(models: Models) -> None:
    text = "Проект стоимостью 1,5 млрд рублей запустят 1 марта 2024 года."
    [analysis] = _analyse(models, Article("r", "s", text, language="ru"))
    assert isinstance(analysis, Analysis)
    found = {(m.label, m.source_label) for m in analysis.mentions}
    assert (Label.MONEY, "MoneyExtractor") in found and (Label.DATE, "DatesExtractor") in found


def test_skips_pass_through_in_order(models: Models) -> None:
    skip = Skip("x", "bad", "detect", "unsupported language: de")
    out = _analyse(models, Article("e", "s", EN, language="en"), skip)  # type: ignore[arg-type]
    assert out[1] is skip


@Language.component("fail_on_boom")
def _fail_on_boom(doc: Doc) -> Doc:
    if "BOOM" in doc.text:
        raise ValueError("cannot parse this text")
    return doc


def test_one_failing_article_does_not_stop_the_batch(settings: Settings) -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("fail_on_boom")
    models = Models(settings.ner)
    models.__dict__["english"] = nlp  # a real pipeline that fails on one input
    articles = [Article(str(i), f"s{i}", text, language="en") for i, text in enumerate(["Fine.", "BOOM", "Also fine."])]
    out = list(recognise(articles, models))
    assert [type(item).__name__ for item in out] == ["Analysis", "Skip", "Analysis"]
    failed = out[1]
    assert isinstance(failed, Skip) and failed.status == Status.FAILED and "cannot parse this text" in failed.reason


@pytest.mark.parametrize(
    "sentence",
    [
        "Проект стоимостью 1,5 млрд рублей запустят 1 марта 2024 года.",
        "Договор подписан 12.05.2021 г. и действует до 2030 года, а бюджет составит 300 тыс. руб.",
        "В январе 2023 года выручка превысила 1 500 000 (один миллион пятьсот тысяч) рублей, "
        + "или около 20 000 долларов; в Европе цены выросли на 5 евро.",
        "С 2015 года, а точнее с 9 мая, на развитие Прикамья выделено $2 млн и 40 млн €, "
        + "что в 2016 г. обсуждали в Москве "
        + "на совещании губернаторов " * 8
        + "12 декабря.",
        "В сентябре прошла выставка, где было более 30 предприятий.",
    ],
    ids=["money-and-date", "dotted-date", "bracket-numeral", "far-apart", "no-fact"],
)
def test_extractors_find_in_cue_windows_what_they_find_in_the_sentence(models: Models, sentence: str) -> None:
    extractors = models.russian
    for extractor, cue in ((extractors.dates, _date_cue()), (extractors.money, _MONEY_CUE)):
        whole = {(m.start, m.stop, str(m.fact)) for m in extractor(sentence)}
        windowed = {
            (start + m.start, start + m.stop, str(m.fact))
            for start, end in cue_windows(sentence, cue)
            for m in extractor(sentence[start:end])
        }
        assert windowed == whole


def test_cue_windows_merge_and_keep_whole_words() -> None:
    sentence = "Бюджет 2024 года составит 5 млрд рублей, а в 2025 году расходы вырастут."
    windows = cue_windows(sentence, _date_cue(), margin=3)
    assert [sentence[a:b].strip() for a, b in windows] == ["Бюджет 2024 года", "в 2025 году"]
    assert cue_windows(sentence, _date_cue(), margin=40) == [(0, len(sentence))]
