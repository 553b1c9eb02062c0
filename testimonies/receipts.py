"""Receipt codes: seven random words shown once to the author, stored only as a keyed hash."""

import hashlib
import hmac
import re
import secrets
from functools import cache

from django.conf import settings
from django.utils.crypto import salted_hmac
from xkcdpass import xkcd_password

WORD_COUNT = 7

# Words of the list a survivor should not find in their own receipt. Removing them costs a
# fraction of a bit: 7 words still carry more than 90 bits.
UNKIND_WORDS = frozenset(
    {
        "ambush",
        "bruising",
        "captive",
        "coerce",
        "cramp",
        "cringe",
        "crying",
        "depress",
        "despair",
        "disgrace",
        "drown",
        "frightful",
        "gag",
        "grab",
        "grope",
        "hatred",
        "helpless",
        "hurt",
        "lure",
        "panic",
        "predator",
        "punch",
        "scared",
        "shaking",
        "shame",
        "silenced",
        "strangle",
        "suffering",
        "threaten",
        "throttle",
        "trapped",
        "undress",
        "unwanted",
        "violate",
        "violation",
        "wound",
    }
)


@cache
def wordlist() -> tuple[str, ...]:
    """The EFF long word list (7,776 words, as xkcdpass ships it), letters-only words only.

    7 words of 7,772 give about 90 bits, like SecureDrop's codenames.
    """
    words = xkcd_password.generate_wordlist(
        wordfile=xkcd_password.locate_wordfile("eff-long"),
        min_length=1,
        max_length=20,
        valid_chars="[a-z]",
    )
    return tuple(sorted(set(words) - UNKIND_WORDS))


def receipt_new() -> str:
    return " ".join(secrets.choice(wordlist()) for _ in range(WORD_COUNT))


def receipt_normalize(code: str) -> str:
    """Forgiving of case, spacing and punctuation between the words."""
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
