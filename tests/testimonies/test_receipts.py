import math

import pytest
from django.test import override_settings

from testimonies.models import Testimony
from testimonies.receipts import (
    receipt_hash,
    receipt_new,
    receipt_normalize,
    word_count,
    wordlist,
)
from testimonies.selectors import testimony_for_receipt
from testimonies.services import testimony_submit
from tests.factories import TestimonyFactory

pytestmark = pytest.mark.django_db


def test_a_receipt_code_carries_at_least_90_bits_with_as_few_words_as_that_takes():
    words = receipt_new().split()
    assert set(words) <= set(wordlist())
    assert len(words) == word_count() == 10  # 896 words: 9.8 bits each
    assert len(words) * math.log2(len(wordlist())) >= 90
    assert (len(words) - 1) * math.log2(len(wordlist())) < 90


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


def test_a_code_handed_out_from_the_old_word_list_still_opens_its_testimony(client):
    """Seven words of the EFF long list, as codes were before the vetted list: only the hash
    is stored, so they keep working."""
    testimony = TestimonyFactory(receipt_hash=receipt_hash(KNOWN_CODE), body="Still mine.")
    assert not set(KNOWN_CODE.split()) <= set(wordlist())
    assert testimony_for_receipt(code=KNOWN_CODE) == testimony
    response = client.post(
        "/manage/", {"code": "Abacus Bagpipe cactus dwelling eagle falcon gazebo"}
    )
    assert response.status_code == 200
    assert "Still mine." in response.content.decode()


def test_the_confirmation_says_how_many_words_the_code_has(client):
    html = client.post("/share/", {"kind": "statement", "body": "Me too."}).content.decode()
    assert f"With these {word_count()} words you can come back" in html
    assert "seven" not in html
