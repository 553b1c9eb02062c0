"""The words of receipt codes are vetted: none is, or holds, a word that would hurt to read."""

import re
from functools import cache
from pathlib import Path

from testimonies.receipts import WORDS_FILE, receipt_new, wordlist

DISTRESSING_WORDS_FILE = Path(__file__).resolve().parent / "distressing_words.txt"
# A listed word this long is also looked for inside every vocabulary word ("grape" holds
# "rape"); a shorter one only as a whole word, or "class" would hold "ass" and "award" "war".
SUBSTRING_MIN_LENGTH = 4


@cache
def distressing_words() -> frozenset[str]:
    lines = DISTRESSING_WORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


@cache
def listed_words_in(word: str) -> frozenset[str]:
    return frozenset(
        {
            listed
            for listed in distressing_words()
            if listed == word or (len(listed) >= SUBSTRING_MIN_LENGTH and listed in word)
        }
    )


def test_the_test_list_is_substantial_and_covers_every_kind_of_hurt():
    words = distressing_words()
    assert len(words) >= 600
    # One of each kind, so that a shortened list would be noticed.
    for word in ("rape", "strangle", "grope", "underwear", "coma", "corpse", "knife", "heroin"):
        assert word in words
    assert all(re.fullmatch(r"[a-z]+", word) for word in words)


def test_no_word_of_the_vocabulary_is_or_holds_a_listed_word():
    found = {word: listed_words_in(word) for word in wordlist() if listed_words_in(word)}
    assert found == {}


def test_the_words_once_found_in_codes_are_gone():
    """The words the issue found in eleven codes of the old list."""
    once_found = {"flogging", "underwear", "skinhead", "slit", "manhandle", "sedate", "snare"}
    assert not once_found & set(wordlist())
    assert once_found <= distressing_words()


def test_the_vocabulary_file_names_its_source_and_licence():
    header = WORDS_FILE.read_text(encoding="utf-8").split("\nacorn\n")[0]
    assert "Electronic Frontier Foundation" in header
    assert "CC BY 3.0 US" in header


def test_ten_thousand_codes_hold_no_listed_word():
    codes = [receipt_new() for _ in range(10_000)]
    assert len(set(codes)) == 10_000
    for code in codes:
        for word in code.split():
            assert not listed_words_in(word), code
