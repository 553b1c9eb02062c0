"""Tests for the workplaces, schools, churches and clubs detector."""

import pytest
from hypothesis import given, settings

from moderation.detectors import workplaces
from tests.moderation.detectors.helpers import assert_valid_spans, texts, texts_of


@pytest.mark.parametrize(
    ("text", "workplace"),
    [
        ("the manager at Slater Inc kept asking me out", "Slater Inc"),
        ("I studied at Bhiwandi Public School till class 10", "Bhiwandi Public School"),
        ("He worked at St Mary's Church for years", "St Mary's Church"),
        ("It was at University of Leeds", "University of Leeds"),
        ("My boss at Smith, Jones and Lee said I was overreacting", "Smith, Jones and Lee"),
        ("HR at Farley-House told me to drop it", "Farley-House"),
        ("Estaba de prácticas en Familia Blazquez S.Com. cuando empezó", "Familia Blazquez S.Com."),
        ("Mi jefe en Universidad de Lugo dijo que exageraba", "Universidad de Lugo"),
        ("J'étais stagiaire chez Roy quand ça a commencé", "Roy"),
        ("Il travaillait au lycée Jean Moulin", "lycée Jean Moulin"),
        ("Mein Chef bei Müller GmbH sagte, ich übertreibe", "Müller GmbH"),
        ("Er war Lehrer am Goethe-Gymnasium", "Goethe-Gymnasium"),
        ("Er arbeitete bei Klinikum Greiz, und niemand sagte etwas", "Klinikum Greiz"),
        ("meine Ausbilderin bei der Sparkasse Ulm hat es gesehen", "Sparkasse Ulm"),
        ("my boss at the Grand Hotel laughed", "Grand Hotel"),
    ],
)
def test_a_workplace_or_institution_is_found_in_every_language(text, workplace):
    spans = workplaces.find(text)
    assert workplace in texts_of(spans)
    assert all(span.kind == "workplace" and span.confidence >= 0.5 for span in spans)


@pytest.mark.parametrize(
    "text",
    [
        "I work at night",
        "My boss called me into his office.",
        "The coach told me to stay after practice.",
        "I was in year 8 at school.",
        "bei der Arbeit sagte niemand etwas",
        "He worked at home most days",
        "Mein Chef bei der Arbeit sagte nichts",
    ],
)
def test_work_words_without_a_named_workplace_find_nothing(text):
    assert workplaces.find(text) == []


@settings(max_examples=100, deadline=None)
@given(texts)
def test_any_text_gives_valid_spans(text):
    assert_valid_spans(text, workplaces.find(text))


@pytest.mark.parametrize(
    "text",
    [
        "كان يعمل في شركة Slater Inc",
        "我在 Slater Inc",
    ],
)
def test_words_of_another_script_before_a_company_are_not_part_of_its_name(text):
    # To a pattern for capitalised words, an Arabic or Chinese phrase looked like one: the
    # whole sentence was marked as the company's name.
    assert texts_of(workplaces.find(text)) == ["Slater Inc"]
