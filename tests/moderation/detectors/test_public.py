"""Tests for the public figures detector."""

import pytest
from hypothesis import given, settings

from moderation.detectors import find_all, public
from tests.moderation.detectors.helpers import assert_valid_spans, texts, texts_of


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("I watched the Harvey Weinstein story and cried", "Harvey Weinstein"),
        ("Vi lo de Plácido Domingo en las noticias", "Plácido Domingo"),
        ("Quand on a parlé de Gérard Depardieu, j'ai parlé", "Gérard Depardieu"),
        ("Als über Till Lindemann berichtet wurde", "Till Lindemann"),
        ("Jimmy Savile's victims were believed too late", "Jimmy Savile's"),
    ],
)
def test_a_public_figure_is_its_own_kind_of_finding(text, person):
    spans = public.find(text)
    assert texts_of(spans) == [person]
    assert spans[0].kind == "public"


def test_a_public_figure_is_not_also_reported_as_a_private_name():
    kinds = [s.kind for s in find_all("When Taylor Swift spoke up, so did I")]
    assert kinds == ["public"]


def test_a_name_in_lower_case_is_not_taken_for_a_public_figure():
    assert public.find("my donald trump impression") == []


@settings(max_examples=100, deadline=None)
@given(texts)
def test_any_text_gives_valid_spans(text):
    assert_valid_spans(text, public.find(text))
