"""Where the writers of each language of the site mostly live: the regions whose numbering
plans phone screening tries first for a testimony in that language.

A short national number (seven to nine digits: "20 123 456" in Tunisia, "9123 4567" in
Kuwait) is a phone number only by some region's plan, so the regions tried decide what is
found. Screening always tries phones.DEFAULT_REGIONS as well, after the language's own.
"""

from __future__ import annotations

from moderation.detectors.phones import DEFAULT_REGIONS

# ISO 3166-1 codes, the most populous or most likely first.
LANGUAGE_REGIONS: dict[str, tuple[str, ...]] = {
    "en": ("US", "GB", "IN", "NG", "PH", "CA", "AU", "ZA", "IE", "NZ"),
    "es": ("ES", "MX", "CO", "AR", "PE", "VE", "CL", "EC", "GT", "CU", "BO", "DO", "US"),
    "fr": ("FR", "BE", "CH", "CA", "MA", "DZ", "TN", "SN", "CI", "CM", "LU", "HT"),
    "ar": ("EG", "MA", "DZ", "TN", "SA", "AE", "JO", "LB", "IQ", "SY", "KW", "QA", "OM", "BH"),
}


def phone_regions(language: str | None) -> tuple[str, ...]:
    """The regions to try for a text in ``language``: its own, then the default ones."""
    own = LANGUAGE_REGIONS.get(language or "", ())
    return tuple(dict.fromkeys((*own, *DEFAULT_REGIONS)))


# Languages whose writers group phone numbers in threes, as amounts are grouped elsewhere
# ("600 123 456", "912 345 678" in Spain and Peru; "20 123 456" in Tunisia, "03 123 456" in
# Lebanon). French is not one: "70 123 456" is more often seventy million there.
_GROUPS_IN_THREES = frozenset({"es", "ar"})


def grouped_in_threes(language: str | None) -> tuple[str, ...]:
    """The regions whose numbers, in a text in ``language``, may be written in groups of
    three digits like an amount; none for a language that writes amounts so."""
    return LANGUAGE_REGIONS.get(language or "", ()) if language in _GROUPS_IN_THREES else ()
