"""Find street addresses, flat numbers, UK postcodes and US "City, ST 12345" lines."""

from __future__ import annotations

import re

from moderation.detectors._normalize import non_overlapping, normalize
from moderation.detectors.spans import Span

KIND = "address"

# English street types; "Park" and "Green" are left out: "14 Central Park" is rarely an address.
_STREET_WORDS = (
    "Street|Road|Avenue|Boulevard|Lane|Drive|Court|Place|Square|Terrace|Way|Close|Crescent"
    "|Highway|Parkway|Circle|Trail|Row|Mews|Gardens|Grove|Hill|Walk|Parade|Broadway|Alley|Wharf"
    "|Quay"
)
# Abbreviations may carry their own full stop ("St."), full words leave the sentence's alone.
_STREET_ABBREVIATIONS = "St|Rd|Ave|Av|Blvd|Ln|Dr|Ct|Pl|Sq|Terr|Cres|Hwy|Pkwy|Cir|Trl"
# French puts the number first ("12 rue de la Paix"); Italian, Spanish and Portuguese put it
# last ("Via Roma, 12", "Calle Mayor 5"), with a capitalised street word so "via Zoom" is safe.
_FRENCH_TYPES = "rue|avenue|av|boulevard|bd|place|impasse|allée|allee|chemin|quai|route|cours"
_TYPE_FIRST = (
    "Via|Viale|Piazza|Corso|Vicolo|Calle|Avenida|Avda|Paseo|Plaza|Camino|Carrer|Rua|Travessa"
    "|Largo|Praça|Praca|Rue"
)
# German and Dutch street names end in the type and the number follows: "Hauptstraße 5"; "ring"
# is left out as it would catch "Spring 2017".
_SUFFIX_TYPES = "straße|strasse|str\\.|weg|platz|allee|gasse|damm|straat|laan|gracht|plein"
_SEPARATE_TYPES = "Straße|Strasse|Str\\.|Weg|Platz|Allee|Gasse"

_CAP = r"[^\W\d_a-z][\w'\u2019.-]*"  # a capitalised word
_NUMBER = r"\d{1,5}(?:[A-Za-z](?![\w]))?(?:[-/]\d{1,5}[A-Za-z]?)?"
_UNIT = r"(?:flat|apartment|apt\.?|unit|suite|ste\.?)\s*#?\s*\d{1,4}[A-Za-z]?"
_ARTICLES = (
    r"(?:(?:de|du|des|la|le|les|l'|l\u2019|d'|d\u2019|del|della|delle|di|do|da|dos|das|el)\s*)"
)

_STREET = re.compile(
    rf"(?<![\w.,/-])(?:(?i:{_UNIT}),?\s+)?{_NUMBER},?\s+(?:{_CAP}\s+){{1,4}}"
    rf"(?:(?i:{_STREET_WORDS})\b|(?i:{_STREET_ABBREVIATIONS})\b\.?)"
    r"(?:\s+(?:NW|NE|SW|SE|N|S|E|W)\b)?"
)
_FRENCH = re.compile(
    rf"(?<![\w.,/-]){_NUMBER}(?:\s*(?:bis|ter))?,?\s+(?i:{_FRENCH_TYPES})\.?\s+"
    rf"(?i:{_ARTICLES})*{_CAP}(?:\s+(?i:{_ARTICLES})*{_CAP}){{0,3}}"
)
_NUMBER_LAST = re.compile(
    rf"(?<![\w-])(?:{_TYPE_FIRST})\.?\s+"
    rf"(?i:{_ARTICLES})*{_CAP}(?:\s+(?i:{_ARTICLES})*{_CAP}){{0,3}}"
    r",?\s+(?:n\.?\s*|nº\s*|no\.?\s*)?\d{1,4}[a-zA-Z]?\b"
)
_SUFFIXED = re.compile(
    rf"(?<![\w-])(?:(?:{_CAP}\s+)?(?:{_SEPARATE_TYPES})|[^\W\d_a-z][\w-]*(?i:{_SUFFIX_TYPES}))"
    r"\s+\d{1,3}[a-z]?\b"
)
# "Flat 3", "apt 4B"; not "a flat 2 years ago".
_UNIT_ALONE = re.compile(
    r"(?i)(?<![\w-])(?:flat|apartment|apt\.?|suite)\s*#?\s*\d{1,4}[a-z]?\b"
    r"(?!\s+(?:years?|months?|weeks?|days?|hours?|minutes?|times?|x)\b)"
)
_PO_BOX = re.compile(r"(?i)\bP\.?\s?O\.?\s+Box\s+\d{1,6}\b")
# Uppercase only: "sw1a 1aa" in running text is too rarely a postcode to be worth the noise.
_UK_POSTCODE = re.compile(r"\b(?:GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2})\b")
_US_STATES = (
    "AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH"
    "|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|PR"
)
_US_CITY_ZIP = re.compile(
    rf"(?<![\w-]){_CAP}(?:\s+{_CAP}){{0,2}},\s*(?:{_US_STATES})\s+\d{{5}}(?:-\d{{4}})?\b"
)

_PATTERNS = (
    (_STREET, 0.9),
    (_FRENCH, 0.9),
    (_NUMBER_LAST, 0.8),
    (_SUFFIXED, 0.8),
    (_UNIT_ALONE, 0.7),
    (_PO_BOX, 0.9),
    (_UK_POSTCODE, 0.9),
    (_US_CITY_ZIP, 0.9),
)


def _join_adjacent(spans: list[Span], text: str) -> list[Span]:
    """Merge pieces of one address ("14 High St" + ", " + "SW1A 1AA") into one span."""
    merged: list[Span] = []
    for span in spans:
        if merged and re.fullmatch(r"[\s,]{0,3}", text[merged[-1].end : span.start]):
            last = merged.pop()
            confidence = max(last.confidence, span.confidence)
            span = Span(KIND, last.start, span.end, text[last.start : span.end], confidence)
        merged.append(span)
    return merged


def find(text: str) -> list[Span]:
    """Address fragments in ``text``, sorted by start and non-overlapping."""
    norm = normalize(text)
    spans = [
        norm.span(KIND, match.start(), match.end(), confidence)
        for pattern, confidence in _PATTERNS
        for match in pattern.finditer(norm.text)
    ]
    return _join_adjacent(non_overlapping(spans), text)
