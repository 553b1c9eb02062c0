"""Tests for the risk score that combines findings."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from moderation.detectors.risk import DEFAULT_WEIGHT, HINT_BELOW, KIND_WEIGHTS, risk_score
from moderation.detectors.spans import Span


def span(kind, confidence=1.0):
    return Span(kind, 0, 1, "x", confidence)


def test_no_findings_is_no_risk():
    assert risk_score([]) == 0.0


def test_one_finding_scores_its_weight_times_its_confidence():
    assert risk_score([span("email")]) == pytest.approx(KIND_WEIGHTS["email"])
    assert risk_score([span("name", 0.5)]) == pytest.approx(KIND_WEIGHTS["name"] * 0.5)


def test_hints_below_half_confidence_add_no_risk():
    assert risk_score([span("name", HINT_BELOW - 0.01), span("place", 0.4)]) == 0.0
    assert risk_score([span("name", HINT_BELOW)]) > 0.0


def test_a_public_figure_adds_no_risk():
    assert risk_score([span("public")]) == 0.0


def test_a_sure_private_name_weighs_at_least_as_much_as_a_lone_link():
    assert risk_score([span("name", 0.8)]) >= risk_score([span("link", 0.8)])


def test_any_one_sure_identifying_finding_reaches_the_default_surge_threshold():
    for kind in ("name", "phone", "email", "address", "place", "workplace", "handle", "link"):
        assert risk_score([span(kind, HINT_BELOW)]) >= 0.3, kind


def test_contact_details_weigh_more_than_names_and_names_more_than_suspect_words():
    assert KIND_WEIGHTS["email"] >= KIND_WEIGHTS["address"] >= KIND_WEIGHTS["handle"]
    assert KIND_WEIGHTS["phone"] > KIND_WEIGHTS["name"] > KIND_WEIGHTS["suspect"]
    assert KIND_WEIGHTS["banned"] > KIND_WEIGHTS["duplicate"]


def test_more_findings_raise_the_score_but_never_past_one():
    one = risk_score([span("link")])
    two = risk_score([span("link"), span("link")])
    many = risk_score([span("email")] * 50)
    assert one < two < 1.0
    assert many <= 1.0


def test_an_unknown_kind_gets_the_default_weight():
    assert risk_score([span("something-new")]) == pytest.approx(DEFAULT_WEIGHT)


def test_confidences_outside_zero_to_one_are_clamped():
    assert risk_score([span("email", 7.0)]) == pytest.approx(KIND_WEIGHTS["email"])
    assert risk_score([span("email", -1.0)]) == 0.0
    assert risk_score([span("email", float("nan"))]) <= 1.0


@given(
    st.lists(
        st.tuples(
            st.sampled_from([*KIND_WEIGHTS, "other"]),
            st.floats(min_value=0, max_value=1, allow_nan=False),
        )
    )
)
def test_the_score_is_always_between_zero_and_one(findings):
    score = risk_score(span(kind, confidence) for kind, confidence in findings)
    assert 0.0 <= score <= 1.0
