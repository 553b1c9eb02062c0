import math

import pytest
from django.test import override_settings

from testimonies.models import Testimony
from testimonies.receipts import receipt_hash, receipt_new, receipt_normalize, wordlist
from testimonies.services import testimony_submit

pytestmark = pytest.mark.django_db


def test_a_receipt_code_is_seven_words_from_a_list_of_over_7000_about_90_bits():
    words = receipt_new().split()
    assert len(words) == 7
    assert set(words) <= set(wordlist())
    assert len(wordlist()) >= 7000
    assert 7 * math.log2(len(wordlist())) >= 89


def test_receipt_codes_do_not_repeat():
    assert len({receipt_new() for _ in range(200)}) == 200


def test_case_spacing_and_punctuation_do_not_matter_when_a_code_is_typed_back():
    assert receipt_normalize("  Abacus-ABDOMEN\tzebra, ") == "abacus abdomen zebra"
    assert receipt_hash("Abacus Abdomen") == receipt_hash("abacus   abdomen")


def test_the_code_is_stored_only_as_a_keyed_hash():
    submission = testimony_submit(kind="statement", body="Me too.")
    code = submission.receipt_code
    stored = Testimony.objects.filter(pk=submission.testimony.pk).values().get()
    assert code not in str(stored)
    assert stored["receipt_hash"] == receipt_hash(code)
    assert len(stored["receipt_hash"]) == 64


def test_the_hash_is_keyed_not_a_plain_digest(settings):
    import hashlib

    code = receipt_new()
    before = receipt_hash(code)
    assert before != hashlib.sha256(code.encode()).hexdigest()
    settings.RECEIPT_HMAC_KEY = "another key"
    assert receipt_hash(code) != before


def test_a_bare_metoo_has_no_receipt():
    assert testimony_submit(kind="metoo").receipt_code is None


def test_no_receipt_is_made_of_words_that_would_hurt_to_read():
    assert not {"grope", "silenced", "predator", "unwanted", "hurt"} & set(wordlist())


# Computed once and written down: if either changes, every receipt already handed out stops
# matching its testimony (a Django upgrade changing salted_hmac's default algorithm would).
KNOWN_CODE = "abacus bagpipe cactus dwelling eagle falcon gazebo"


@override_settings(SECRET_KEY="a fixed secret key for the receipt test", RECEIPT_HMAC_KEY="")
def test_a_code_hashed_today_still_matches_under_a_key_derived_from_the_secret_key():
    assert receipt_hash(KNOWN_CODE) == (
        "311130aed225ac974abdb66df53400d4bc7d846b84199d7977134baf8376832c"
    )


@override_settings(RECEIPT_HMAC_KEY="a fixed receipt key")
def test_a_code_hashed_today_still_matches_under_its_own_key():
    assert receipt_hash("Abacus, bagpipe cactus dwelling eagle falcon gazebo") == (
        "bf9b28b38b973e826d07c1db79a11fc1f191326169313e2bf143d40884ab150a"
    )
