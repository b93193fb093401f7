"""One nominative name per Russian person, whatever the case of each mention."""

import pytest

from pipeline import extract
from pipeline.ner.recognise import Models

CASES = [
    (
        "genitive-alone",
        "Об этом заявил глава Высшего совета правосудия Павел Вовк. Вовка неоднократно критиковали. Вовк отказался.",
        "Вовка",
        "Павел Вовк",
    ),
    ("genitive-full", "Суд вызвал Павла Вовка на допрос.", "Павла Вовка", "Павел Вовк"),
    (
        "woman",
        "Депутат Игорь Бондарев выступил первым. Слово дали Валентине Бондаревой, его коллеге.",
        "Валентине Бондаревой",
        "Валентина Бондарева",
    ),
    ("indeclinable", "Министр обороны Сергей Шойгу прибыл в Минск. Шойгу провёл переговоры.", "Шойгу", "Сергей Шойгу"),
    (
        "namesake",
        "Он окончил Литературный институт имени А. М. Горького в Москве.",
        "А. М. Горького",
        "А. М. Горький",
    ),
    (
        "namesake-full",
        "Глава Ассоциации имени Людвига ван Бетховена выступила на открытии.",
        "Людвига ван Бетховена",
        "Людвиг ван Бетховен",
    ),
]


@pytest.mark.parametrize(("text", "surface", "name"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_one_nominative_name(models: Models, text: str, surface: str, name: str) -> None:
    persons = extract([text], models=models).persons
    assert (surface, name) in set(zip(persons.text, persons.name, strict=True))
