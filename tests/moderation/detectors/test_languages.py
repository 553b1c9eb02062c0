# ruff: noqa: RUF001 (Arabic-Indic digits are the point of these texts)
"""Screening in the four languages of the site: phone numbers read by the plans of the regions
where each language is written, obfuscations spelled in each, and names in Arabic script."""

import pytest

from moderation.detectors import arabic_names, emails, find_all, phones
from moderation.detectors.regions import phone_regions
from tests.moderation.detectors.helpers import assert_valid_spans, texts_of


def found(text: str, kind: str, language: str | None = None) -> list[str]:
    return [span.text for span in find_all(text, language=language) if span.kind == kind]


# --- Phone numbers, the way each language writes them -----------------------------------------


@pytest.mark.parametrize(
    ("text", "number", "language"),
    [
        ("Il m'a laissé son numéro : 06 12 34 56 78.", "06 12 34 56 78", "fr"),
        ("Appelez-le au 06.12.34.56.78, il répond toujours.", "06.12.34.56.78", "fr"),
        ("Son fixe au bureau, 01 42 68 53 00.", "01 42 68 53 00", "fr"),
        ("À Dakar, il m'appelait du 77 123 45 67.", "77 123 45 67", "fr"),
        ("Me escribía desde el 612 34 56 78 cada noche.", "612 34 56 78", "es"),
        ("Su celular era 55 1234 5678, en la Ciudad de México.", "55 1234 5678", "es"),
        ("He kept texting me from 07700 900123.", "07700 900123", "en"),
        ("كان يتصل بي من ٠١٠١٢٣٤٥٦٧٨ كل ليلة", "٠١٠١٢٣٤٥٦٧٨", "ar"),
        ("رقم هاتفه 0612345678", "0612345678", "ar"),
    ],
)
def test_a_phone_number_written_the_way_of_its_language_is_found(text, number, language):
    assert found(text, "phone", language) == [number]


@pytest.mark.parametrize(
    ("text", "number", "language"),
    [
        # Spain writes numbers in threes, like an amount: only Spain's plan says it is one.
        ("Llámale al 600 123 456, siempre contesta.", "600 123 456", "es"),
        ("Me escribía desde el 912 345 678.", "912 345 678", "es"),
        # Tunisia and Lebanon too.
        ("كان يتصل بي من 20 123 456", "20 123 456", "ar"),
        ("كانت تتصل من ٠٣ ١٢٣ ٤٥٦ كل يوم", "٠٣ ١٢٣ ٤٥٦", "ar"),
    ],
)
def test_a_number_grouped_in_threes_is_a_phone_only_in_a_language_that_writes_them_so(
    text, number, language
):
    assert found(text, "phone", language) == [number]
    assert found(text, "phone") == []  # without the language, an amount


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Il y avait 1 000 000 de personnes.", "fr"),
        ("Perdí 100 000 000 de pesos.", "es"),
        ("هناك 2 500 000 شخص قالوا أنا أيضًا", "ar"),
        ("El 15 de marzo de 2019, a las 22:30.", "es"),
        ("Le 03.04.2015 à 21h30.", "fr"),
        ("في ١٥/٠٣/٢٠١٩", "ar"),
    ],
)
def test_amounts_and_dates_stay_amounts_and_dates_in_every_language(text, language):
    assert found(text, "phone", language) == []


def test_phone_numbers_spelled_out_in_arabic_are_found():
    text = "رقمه صفر ستة واحد اثنان ثلاثة أربعة خمسة ستة سبعة ثمانية"
    assert found(text, "phone", "ar") == [text.split(" ", 1)[1]]


def test_arabic_announces_a_short_number_like_the_other_languages():
    # "his phone number": without it, eight digits could be anything.
    assert found("رقم هاتفه 9123 4567", "phone", "ar") == ["9123 4567"]


def test_each_language_tries_its_own_regions_first_and_then_the_usual_ones():
    assert phone_regions("ar")[:3] == ("EG", "MA", "DZ")
    assert phone_regions("es")[:2] == ("ES", "MX")
    assert phone_regions("fr")[:2] == ("FR", "BE")
    assert phone_regions(None) == phones.DEFAULT_REGIONS
    assert set(phones.DEFAULT_REGIONS) <= set(phone_regions("ar"))


# --- Email addresses spelled out -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "address"),
    [
        (
            "écris-lui à marie.dupont arobase gmail point com",
            "marie.dupont arobase gmail point com",
        ),
        ("escríbele a ana.lopez arroba hotmail punto es", "ana.lopez arroba hotmail punto es"),
        ("email him at j.smith at yahoo dot com", "j.smith at yahoo dot com"),
        ("ايميله sara.k آت gmail نقطة com", "sara.k آت gmail نقطة com"),
        ("بريدها layla_88 أت hotmail دوت fr", "layla_88 أت hotmail دوت fr"),
        ("ايميله sara.k ات جيميل دوت كوم", "sara.k ات جيميل دوت كوم"),
    ],
)
def test_an_address_spelled_out_in_each_language_is_found(text, address):
    assert texts_of(emails.find(text)) == [address]
    assert_valid_spans(text, emails.find(text))


def test_arabic_words_for_at_and_dot_in_a_plain_sentence_are_not_an_address():
    # "I wrote him a letter at home, an important point."
    assert emails.find("كتبت له رسالة ات البيت نقطة مهمة") == []


# --- Names ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("كان مديري أحمد يضايقني كل يوم", "أحمد"),
        ("اسمها سلمى وكانت تعرف كل شيء", "سلمى"),
        ("زميلتي ليلى رأت ما حدث", "ليلى"),
        ("الأستاذ عُمَر كان يعلق على ملابسي", "عُمَر"),
        ("ومديري احمد لم يفعل شيئًا", "احمد"),
        ("عبد الرحمن كان جاري", "عبد الرحمن"),
        ("الدكتور تاج الدين قال إنني أبالغ", "تاج الدين"),
    ],
)
def test_an_arabic_name_where_a_name_is_expected_is_found(text, name):
    spans = arabic_names.find(text)
    assert [(span.text, span.confidence) for span in spans] == [(name, 0.8)]
    assert_valid_spans(text, spans)


@pytest.mark.parametrize(
    "text",
    [
        "كان لدي أمل كبير",  # "hope": a name too, but not here
        "رأيت نور الشمس",  # "light"
        "قال لي خالد إنني أبالغ",  # a name, but said with no cue: the moderator decides
    ],
)
def test_a_known_name_without_a_cue_is_only_a_hint(text):
    spans = arabic_names.find(text)
    assert spans
    assert all(span.confidence < 0.5 for span in spans)


def test_text_without_arabic_script_costs_the_arabic_names_nothing():
    assert arabic_names.find("Mon chef Benoît me harcelait.") == []


@pytest.mark.parametrize(
    ("text", "name", "language"),
    [
        ("My manager Sarah kept asking me out.", "Sarah", "en"),
        ("Mi jefe Joaquín me acosaba en la oficina.", "Joaquín", "es"),
        ("Mon chef Benoît me harcelait au bureau.", "Benoît", "fr"),
        ("كان مديري أحمد يضايقني كل يوم", "أحمد", "ar"),
    ],
)
def test_screening_finds_a_name_in_each_of_the_four_languages(text, name, language):
    assert name in found(text, "name", language)


def test_the_arabic_names_are_shipped_with_the_licence_of_their_source():
    header = arabic_names.NAMES_FILE.read_text(encoding="utf-8").split("\n\n", 1)[0]
    assert "Faker" in header
    assert "Permission is hereby granted, free of charge" in header
    assert len(arabic_names.given_names()) > 500
