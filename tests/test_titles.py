"""Titles in the shapes the press writes them: abbreviations, possessives, whole titles, lists,
titles after a verb, the post's status, a city's officials, and people who are not the official."""

import pandas as pd
import pytest

from pipeline import extract
from pipeline.ner.recognise import Models

Row = tuple[str, str, str | None, str | None, str]


def _officials(models: Models, text: str) -> set[Row]:
    df = extract([text], models=models).officials
    return {
        (
            r.person,
            r.position,
            None if pd.isna(r.affiliation) else r.affiliation,
            None if pd.isna(r.affiliation_code) else r.affiliation_code,
            r.status,
        )
        for r in df.itertuples()
    }


CASES = [
    (
        "abbreviated",
        "Sen. John McCain spoke to reporters in Washington.",
        ("John McCain", "senator", None, None, "current"),
    ),
    (
        "abbreviated-gov",
        "South Dakota Gov. Kristi Noem signed the bill.",
        ("Kristi Noem", "governor", "South Dakota", "US-SD", "current"),
    ),
    (
        "two-words",
        "Texas Attorney General Ken Paxton sued the company.",
        ("Ken Paxton", "attorney general", "Texas", "US-TX", "current"),
    ),
    (
        "possessive",
        "Rosneft's chief executive Igor Sechin met the minister.",
        ("Igor Sechin", "chief executive", "Rosneft", None, "current"),
    ),
    (
        "whole-title",
        '"Prices will rise," said Beata Caranci, director and senior economist at TD Bank.',
        ("Beata Caranci", "director and senior economist", "TD Bank", None, "current"),
    ),
    ("former", "Former President Barack Obama spoke in Chicago.", ("Barack Obama", "president", None, None, "former")),
    ("elect", "President-elect Joe Biden named his team.", ("Joe Biden", "president", None, None, "elect")),
    (
        "бывший",
        "Бывший министр финансов Алексей Кудрин выступил на форуме.",
        ("Алексей Кудрин", "министр финансов", None, None, "former"),
    ),
    ("экс-", "Экс-президент США Билл Клинтон прибыл в Москву.", ("Билл Клинтон", "президент", "США", "US", "former")),
    (
        "врио",
        "Врио губернатора Курской области Алексей Смирнов посетил район.",
        ("Алексей Смирнов", "губернатор", "Курская область", "RU-KRS", "acting"),
    ),
    (
        "исполняющий",
        "Исполняющий обязанности губернатора Иван Петров провёл совещание.",
        ("Иван Петров", "губернатор", None, None, "acting"),
    ),
    ("city", "Об этом сообщил мэр Перми Алексей Демкин.", ("Алексей Демкин", "мэр", "Пермь", "RU-PER", "current")),
    (
        "list",
        "На фестиваль приехали актёры Андрей Мерзликин и Алиса Гребенщикова.",
        ("Алиса Гребенщикова", "актер", None, None, "current"),
    ),
    (
        "after-verb",
        "Амано был профессиональным дипломатом и работал в посольствах Японии.",
        ("Амано", "дипломат", None, None, "current"),
    ),
    (
        "coordinated-left",
        "Фестиваль открыл продюсер и режиссёр Андрей Кравцов.",
        ("Андрей Кравцов", "продюсер", None, None, "current"),
    ),
    (
        "coordinated-left-commas",
        "Умер профессор, академик, ректор университета Виктор Лавров.",
        ("Виктор Лавров", "профессор", None, None, "current"),
    ),
    (
        "coordinated-right",
        "Олег Ветров, генерал, заместитель начальника штаба, вышел в отставку.",
        ("Олег Ветров", "заместитель начальника штаба", None, None, "current"),
    ),
    (
        "governing-head",
        "Из президентской гонки вышла член Палаты представителей США Тулси Габбард.",
        ("Тулси Габбард", "член", "Палата представителей США", None, "current"),
    ),
    (
        "governing-head-lower",
        "Документ подписал председатель совета директоров банка Игорь Ветров.",
        ("Игорь Ветров", "председатель совета директоров банка", None, None, "current"),
    ),
    (
        "head-inside-organisation",
        "На вечере выступил член Союза писателей России Иван Петров.",
        ("Иван Петров", "член", "Союз писателей России", None, "current"),
    ),
    (
        "long-organisation",
        "Пресс-секретарь Федерального агентства по делам молодёжи, спорта и туризма Вадим Орлов сообщил о решении.",
        (
            "Вадим Орлов",
            "пресс-секретарь",
            "Федеральное агентство по делам молодёжи, спорта и туризма",
            None,
            "current",
        ),
    ),
    (
        "genitive-dependant",
        "Адвокат Павла Зуева Андрей Орлов заявил, что подаст жалобу.",
        ("Андрей Орлов", "адвокат", None, None, "current"),
    ),
    (
        "agreeing-head",
        "Письмо вручили помощнику губернатора Алексея Дюмина Сергею Волкову.",
        ("Алексей Дюмин", "губернатор", None, None, "current"),
    ),
    (
        "agreeing-head-holder",
        "Письмо вручили помощнику губернатора Алексея Дюмина Сергею Волкову.",
        ("Сергей Волков", "помощник губернатора", None, None, "current"),
    ),
    (
        "holds-the-post",
        "Сергей Ершов занимает должность заместителя мэра Казани.",
        ("Сергей Ершов", "заместитель мэра", "Казань", "RU-TA", "current"),
    ),
    (
        "compound-last",
        "На фестивале выступил рок-музыкант Сергей Шнуров.",
        ("Сергей Шнуров", "рок-музыкант", None, None, "current"),
    ),
    (
        "compound-first",
        "Пациента спас врач-реаниматолог Ольга Смирнова.",
        ("Ольга Смирнова", "врач-реаниматолог", None, None, "current"),
    ),
    (
        "compound-genitive",
        "Суд продлил арест журналиста-расследователя Павла Зубова.",
        ("Павел Зубов", "журналист-расследователь", None, None, "current"),
    ),
    (
        "секретарь",
        "Об этом сообщил секретарь Совета безопасности Иван Орлов.",
        ("Иван Орлов", "секретарь", "Совет безопасности", None, "current"),
    ),
    (
        "полузащитник",
        "Клуб продлил контракт с полузащитником Артёмом Зиминым.",
        ("Артём Зимин", "полузащитник", None, None, "current"),
    ),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_title_shapes(models: Models, text: str, expected: Row) -> None:
    assert expected in _officials(models, text)


NOT_OFFICIALS = [
    ("wife", "Lady Starmer, the Prime Minister's wife, visited the school.", "Lady Starmer"),
    ("дочь", "Среди гостей дочь президента Иванка Трамп.", "Иванка Трамп"),
    (
        "невеста",
        "Премьер-министр Великобритании Борис Джонсон и его невеста Кэрри Симондс объявили о помолвке.",
        "Кэрри Симондс",
    ),
    ("client", "Адвокат Александра Кокорина заявил, что подаст апелляцию.", "Александр Кокорин"),
    ("client-named", "Адвокат Павла Зуева Андрей Орлов заявил, что подаст жалобу.", "Павел Зуев"),
    ("премьер-лига", "В сборную вызваны звёзды Премьер-лиги Андрей Титов и Олег Носов.", "Андрей Титов"),
]


@pytest.mark.parametrize(("text", "person"), [c[1:] for c in NOT_OFFICIALS], ids=[c[0] for c in NOT_OFFICIALS])
def test_relatives_and_clients_are_not_the_official(models: Models, text: str, person: str) -> None:
    assert person not in {row[0] for row in _officials(models, text)}
