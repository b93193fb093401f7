import pytest

from pipeline.detect import detect_languages, script_check
from pipeline.records import Article, Skip
from pipeline.settings import LanguageSettings

TEXTS = {
    "en": "The governor of the Kama region signed a cooperation roadmap with the chemical company on Friday.",
    "ru": "Губернатор Пермского края подписал дорожную карту о сотрудничестве с химическим предприятием.",
    "de": "Die Landesregierung hat heute ein neues Förderprogramm für kleine und mittlere Unternehmen vorgestellt.",
}


def _route(text: str, language: str | None = None) -> Article | Skip:
    [item] = detect_languages([Article("id", "src", text, language=language)], LanguageSettings())
    return item


@pytest.mark.parametrize("language", ["en", "ru"])
def test_supported_languages_are_routed(language: str) -> None:
    item = _route(TEXTS[language])
    assert isinstance(item, Article) and item.language == language


@pytest.mark.parametrize(
    ("text", "hint", "reason"),
    [
        pytest.param(TEXTS["de"], None, "unsupported language: de", id="german"),
        pytest.param("   ", None, "empty text (0 chars after cleaning)", id="empty"),
        pytest.param(TEXTS["en"], "fr", "unsupported language: fr", id="hint wins"),
        pytest.param("12345 67890 12345 67890 12345", None, "language not detected", id="digits only"),
    ],
)
def test_other_texts_are_skipped_with_the_reason(text: str, hint: str | None, reason: str) -> None:
    item = _route(text, hint)
    assert isinstance(item, Skip) and item.stage == "detect"
    assert item.reason.startswith(reason)


def test_detection_is_deterministic() -> None:
    short = "Perm Krai news"
    assert len({str(_route(short + " " * 20)) for _ in range(5)}) == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("A plant opened in Gubakha last week.", "en", id="short english"),
        pytest.param("Companies from Mordovia came.", "en", id="four english words"),
        pytest.param("Завод построят в Губахе.", "ru", id="short russian"),
        pytest.param("Уряд України ухвалив нову програму підтримки бізнесу.", None, id="ukrainian letters"),
        pytest.param("Die Regierung hat heute ein Förderprogramm vorgestellt.", None, id="german umlaut"),
        pytest.param("Metafrax Chemicals Perm Krai", None, id="names only"),
        pytest.param("12345", None, id="no letters"),
    ],
)
def test_script_check_decides_only_clear_cases(text: str, expected: str | None) -> None:
    assert script_check(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Ульяновская область и Республика Мордовия расширяют сотрудничество в сфере промышленной кооперации. "
            "Губернатор Алексей Русских провёл встречу с предприятиями региона.",
            "ru",
            id="russian news, few function words",
        ),
        pytest.param(
            "Правителството прие нова програма за подкрепа на малкия бизнес в страната.", None, id="bulgarian"
        ),
        pytest.param("Влада је усвојила нови програм подршке за мала предузећа у земљи.", None, id="serbian"),
    ],
)
def test_script_check_tells_russian_from_other_cyrillic(text: str, expected: str | None) -> None:
    assert script_check(text) == expected
