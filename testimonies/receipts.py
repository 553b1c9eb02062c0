"""Receipt codes: random words shown once to the author, stored only as a keyed hash."""

import hashlib
import hmac
import math
import re
import secrets
from functools import cache
from pathlib import Path

from django.conf import settings
from django.utils.crypto import salted_hmac

# A code is as strong as SecureDrop's seven-word codenames: guessing one is hopeless.
MIN_BITS = 90
# A vetted list of neutral words (the file says where it comes from, its licence, and what was
# taken out): a survivor must never find a violent or sexual word in their own receipt.
WORDS_FILE = Path(__file__).resolve().parent / "data" / "receipt_words.txt"


@cache
def wordlist() -> tuple[str, ...]:
    """The words codes are made of, from WORDS_FILE."""
    lines = (line.strip() for line in WORDS_FILE.read_text(encoding="utf-8").splitlines())
    return tuple(sorted({line for line in lines if line and not line.startswith("#")}))


@cache
def word_count() -> int:
    """How many words a new code has: the fewest that carry MIN_BITS (10 of 896 words: 98)."""
    return math.ceil(MIN_BITS / math.log2(len(wordlist())))


def receipt_new() -> str:
    return " ".join(secrets.choice(wordlist()) for _ in range(word_count()))


def receipt_normalize(code: str) -> str:
    """Forgiving of case, spacing and punctuation between the words.

    Codes handed out before the word list changed (seven words of the EFF long list) are
    normalised and hashed the same way, so they keep opening their testimonies.
    """
    return " ".join(re.findall(r"[a-z]+", code.lower()))


def _key() -> bytes:
    # A key of its own (RECEIPT_HMAC_KEY) survives a rotation of SECRET_KEY; without it, one
    # is derived from SECRET_KEY.
    configured = getattr(settings, "RECEIPT_HMAC_KEY", "")
    if configured:
        return configured.encode()
    # sha1 named, not left to the default: a Django that changes the default would otherwise
    # change the key, and every stored receipt would stop matching.
    return salted_hmac("testimonies.receipts", "receipt-key", algorithm="sha1").digest()


def receipt_hash(code: str) -> str:
    """The only form in which a receipt code is ever stored."""
    return hmac.new(_key(), receipt_normalize(code).encode(), hashlib.sha256).hexdigest()
