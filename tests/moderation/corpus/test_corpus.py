"""The floors screening holds on the labelled corpus (make eval-screening prints the rest).

The whole corpus runs: about two thousand short texts, a few seconds.
"""

import pytest

from tests.moderation.corpus import evaluate, generate

SURGE_THRESHOLD = 0.3  # the default of MODERATION_SURGE_RISK_THRESHOLD


@pytest.fixture(scope="module")
def summary():
    records = evaluate.load()
    results, _seconds = evaluate.screen(records)
    return evaluate.evaluate(records, results)


def _recall(found, *, kind=None, locale=None):
    rows = [v for (k, lo), v in found.items() if kind in (None, k) and locale in (None, lo)]
    return sum(r[1] for r in rows) / sum(r[0] for r in rows)


@pytest.mark.parametrize("kind", evaluate.KINDS)
def test_at_least_95_percent_of_each_kind_of_detail_is_found_in_every_locale(summary, kind):
    for locale in evaluate.LOCALES:
        assert _recall(summary["found"], kind=kind, locale=locale) >= 0.95, locale
    assert _recall(summary["found"], kind=kind) >= 0.98


@pytest.mark.parametrize("locale", evaluate.LOCALES)
def test_at_least_98_percent_of_the_details_of_each_locale_are_found(summary, locale):
    assert _recall(summary["found"], locale=locale) >= 0.98


def test_at_most_1_percent_of_clean_texts_have_a_finding_and_no_locale_more_than_5(summary):
    rows = summary["clean"].values()
    assert sum(r[1] for r in rows) / sum(r[0] for r in rows) <= 0.01
    for locale, (texts, flagged, _sure) in summary["clean"].items():
        assert flagged / texts <= 0.05, locale


def test_a_public_figure_is_reported_as_such_and_rarely_as_a_private_detail(summary):
    rows = summary["public"].values()
    texts = sum(r[0] for r in rows)
    assert sum(r[3] for r in rows) == texts
    assert sum(r[2] for r in rows) / texts <= 0.02


def test_findings_are_precise_and_the_risk_score_separates_pii_from_clean_texts(summary):
    assert summary["precision"] >= 0.97
    assert summary["auc"] >= 0.98


def test_surge_mode_would_publish_at_most_1_percent_of_statements_that_identify_someone(summary):
    leaked = sum(score < SURGE_THRESHOLD for score in summary["pii_scores"])
    assert leaked / len(summary["pii_scores"]) <= 0.01
    published = sum(score < SURGE_THRESHOLD for score in summary["clean_scores"])
    assert published / len(summary["clean_scores"]) >= 0.95


def test_the_generator_labels_exactly_the_text_of_each_detail():
    records = generate.generate_locale("en_IN")
    assert len(records) == len(generate.KINDS) * generate.PII_PER_KIND + generate.CLEAN_TEXTS
    for record in records:
        for span in record["spans"]:
            assert record["text"][span["start"] : span["end"]] == span["text"]
        assert record["clean"] == (not record["spans"])


def test_the_committed_corpus_covers_six_locales_every_kind_and_hand_written_cases():
    records = evaluate.load()
    assert {r["locale"] for r in records} == set(evaluate.LOCALES)
    assert {s["kind"] for r in records for s in r["spans"]} == set(evaluate.KINDS)
    assert any(r["form"] == "hand" for r in records)


def test_the_held_out_phrasings_once_missed_are_now_found():
    records = evaluate.load(evaluate.UNSEEN)
    summary = evaluate.evaluate(records, evaluate.screen(records)[0])
    assert _recall(summary["found"]) >= 0.95
    assert sum(r[1] for r in summary["clean"].values()) == 0
