"""Find street addresses, flat numbers, UK postcodes and US "City, ST 12345" lines."""

from __future__ import annotations

import re

from moderation.detectors._normalize import latin_only, looks_german, non_overlapping, normalize
from moderation.detectors.spans import Span

KIND = "address"

# English street types; "Park" and "Green" are left out: "14 Central Park" is rarely an address.
_STREET_WORDS = (
    "Street|Road|Avenue|Boulevard|Lane|Drive|Court|Place|Square|Terrace|Way|Close|Crescent"
    "|Highway|Parkway|Circle|Trail|Row|Mews|Gardens|Grove|Hill|Walk|Parade|Broadway|Alley|Wharf"
    "|Quay"
    # The rest of the USPS street suffixes, and Indian ones ("Ram Chowk", "Majumdar Nagar").
    "|Streets|Roads|Lanes|Drives|Courts|Squares|Ways|Hills|Walks|Garden|Groves|Circles|Alleys"
    "|Annex|Arcade|Bayou|Bend|Bluffs?|Bottom|Branch|Bridge|Brooks?|Burgs?|Bypass|Camp|Canyon"
    "|Cape|Causeway|Centers?|Cliffs?|Commons?|Corners?|Course|Coves?|Creek|Crest|Crossing"
    "|Crossroad|Curve|Dale|Divide|Estates?|Expressway|Extensions?|Falls|Ferry|Fields?|Flats"
    "|Fords?|Forest|Forges?|Forks?|Freeway|Gateway|Glens?|Harbors?|Haven|Heights|Hollow|Inlet"
    "|Junctions?|Knolls?|Landing|Light|Lights|Lodge|Loop|Mall|Manors?|Meadows?|Mills?|Motorway"
    "|Neck|Orchard|Oval|Overpass|Pass|Passage|Path|Pike|Pines?|Plains?|Plaza|Points?|Prairie"
    "|Ranch|Rapids?|Ridges?|Rue|Run|Shoals?|Shores?|Skyway|Springs?|Spurs?|Stravenue|Summit"
    "|Throughway|Trace|Track|Trafficway|Turnpike|Unions?|Valleys?|Via|Viaduct|Views?|Villages?"
    "|Ville|Vista|Wells?|Nagar|Chowk|Marg|Colony|Layout|Ganj|Zila|Gali|Mohalla|Vihar|Enclave"
    "|Bagh|Bazar|Bazaar|Puram"
)
# Abbreviations may carry their own full stop ("St."), full words leave the sentence's alone.
_STREET_ABBREVIATIONS = "St|Rd|Ave|Av|Blvd|Ln|Dr|Ct|Pl|Sq|Terr|Cres|Hwy|Pkwy|Cir|Trl"
# French puts the number first ("12 rue de la Paix"); Italian, Spanish and Portuguese put it
# last ("Via Roma, 12", "Calle Mayor 5"), with a capitalised street word so "via Zoom" is safe.
_FRENCH_TYPES = "rue|avenue|av|boulevard|bd|place|impasse|allée|allee|chemin|quai|route|cours"
_TYPE_FIRST = (
    "Via|Viale|Piazza|Corso|Vicolo|Calle|Avenida|Avda|Paseo|Plaza|Camino|Carrer|Rua|Travessa"
    "|Largo|Praça|Praca|Rue|Ronda|Acceso|Callejón|Callejon|Pasaje|Pasadizo|Travesía|Travesia"
    "|Glorieta|Cuesta|Rambla|Urbanización|Urbanizacion|Vía|Alameda|Carretera|Ctra\\.|Cañada"
    "|Bajada|Subida|Calleja|Rúa|Senda|Polígono|Poligono|Plazuela|Costanilla|Avinguda|Passeig"
)
# German and Dutch street names end in the type and the number follows: "Hauptstraße 5"; "ring"
# is left out as it would catch "Spring 2017".
_SUFFIX_TYPES = (
    "straße|strasse|str\\.|weg|platz|allee|gasse|damm|straat|laan|gracht|plein|-ring|ufer|steig"
    "|pfad|chaussee|promenade|stieg|markt"
)
_SEPARATE_TYPES = "Straße|Strasse|Str\\.|Weg|Platz|Allee|Gasse|Ring|Ufer|Steig|Damm"

_CAP = r"[^\W\d_a-z][\w'\u2019.-]*"  # a capitalised word
_NUMBER = r"\d{1,5}(?:[A-Za-z](?![\w]))?(?:[-/]\d{1,5}[A-Za-z]?)?"
_UNIT = r"(?:flat|apartment|apt\.?|unit|suite|ste\.?|studio|h\.?\s?no\.?)\s*#?\s*\d{1,4}[A-Za-z]?"
_ARTICLES = (
    r"(?:(?:de|du|des|la|le|les|l'|l\u2019|d'|d\u2019|del|della|delle|di|do|da|dos|das|el)\s*)"
)

_STREET = re.compile(
    rf"\b(?<![\w.,/-])(?:(?i:{_UNIT}),?\s+)?{_NUMBER},?\s+(?:{_CAP}\s+){{1,4}}"
    rf"(?:(?i:{_STREET_WORDS})\b|(?i:{_STREET_ABBREVIATIONS})\b\.?)"
    r"(?:\s+(?:NW|NE|SW|SE|N|S|E|W)\b)?"
)
_FRENCH = re.compile(
    rf"\b(?<![\w.,/-]){_NUMBER}(?:\s*(?:bis|ter))?,?\s+(?i:{_FRENCH_TYPES})\.?\s+"
    rf"(?i:{_ARTICLES})*{_CAP}(?:\s+(?i:{_ARTICLES})*{_CAP}){{0,3}}"
)
# Spanish and Italian street types may be in lower case here ("calle Goya número 14"): the
# number makes it sure ("via" stays capitalised: "via Zoom").
_NUMBER_LAST = re.compile(
    rf"\b(?<![\w-])(?:{_TYPE_FIRST}|(?i:calle|avenida|paseo|plaza|camino|carrer|rúa|piazza))\.?\s+"
    rf"(?i:{_ARTICLES})*{_CAP}(?:\s+(?i:{_ARTICLES})*{_CAP}){{0,3}}"
    r",?\s+(?:n\.?\s*|nº\s*|no\.?\s*|(?i:número|numero|num\.)\s*)?\d{1,4}[a-zA-Z]?\b"
    r"(?!\s+(?:years?|months?|weeks?|days?|hours?|minutes?|times?|x|años|veces|fois|ans|Mal)\b)"
)
# A US intersection: "41st and Maple", "5th & Main", "the corner of Elm and 3rd".
_SIDE = rf"(?:\d{{1,3}}(?:st|nd|rd|th)|{_CAP})"
_INTERSECTION = re.compile(
    rf"\b{_SIDE}[ \t]+(?:and|&)[ \t]+{_SIDE}"
    r"(?=[ \t]+(?:St|Street|Ave|Avenue)\b|[,. \t]|$)"
)
# A whole word, then a look back at how it ends: no backtracking through the word.
_ENDS_LIKE_A_STREET = (
    "(?i:(?<=str)\\.|"
    + "|".join(f"(?<={suffix})" for suffix in _SUFFIX_TYPES.split("|") if suffix != "str\\.")
    + ")"
)
_SUFFIXED = re.compile(
    rf"\b(?<![\w-])(?:(?:{_CAP}\s+)?(?:{_SEPARATE_TYPES})|[^\W\d_a-z][\w-]*+{_ENDS_LIKE_A_STREET})"
    r"\s+\d{1,4}[a-z]?(?:[-/]\d{1,4}[a-z]?)?\b"
)
# "Flat 3", "apt 4B"; not "a flat 2 years ago".
_UNIT_ALONE = re.compile(
    r"(?i)\b(?<![\w-])(?:flat|apartment|apt\.?|suite)\s*#?\s*\d{1,4}[a-z]?\b"
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
    rf"\b(?<![\w-]){_CAP}(?:\s+{_CAP}){{0,2}},\s*(?:{_US_STATES})\s+\d{{5}}(?:-\d{{4}})?\b"
)

# A street named without its number, where the name says it is a street: "rue Girard",
# "Lachmannring", "Cuesta de Pánfilo Marqués", "on Juarez Alley", "Flat 89, Payne Rue".
_FRENCH_NAMED = re.compile(
    rf"\b(?<![\w-])(?:rue|avenue|boulevard|impasse|allée|allee|chemin|quai|Place|Cours)[ \t]+"
    rf"(?:(?:de la|de l'|de l\u2019|du|des|de|d'|d\u2019)[ \t]*)?{_CAP}"
    rf"(?:[ \t]+(?i:{_ARTICLES})*{_CAP}){{0,2}}"
)
_TYPE_FIRST_NAMED = re.compile(
    rf"\b(?<![\w-])(?:{_TYPE_FIRST})[ \t]+(?i:{_ARTICLES})*{_CAP}"
    rf"(?:[ \t]+(?i:{_ARTICLES})*{_CAP}){{0,3}}"
    r"(?:[ \t]+\d{1,4}[a-zA-Z]?)?(?:[ \t]+(?:Puerta|Piso|Portal|Bajo|Esc\\.)[ \t]+\d{1,3})?"
)
_WORD_TYPES = "|".join(f"(?<={t})" for t in _SUFFIX_TYPES.split("|") if t != "str\\.")
# Six characters at least: "Weg", "Platz" or "Allee" alone are words, not street names.
_SUFFIXED_NAMED = re.compile(
    rf"\b(?<![\w-])[^\W\d_a-z][\w-]{{2,}}+(?i:{_WORD_TYPES})(?<=[^\W\d_][\w-]{{5}})"
)
_ENGLISH_NAMED = re.compile(
    rf"(?<![\w-])(?:(?i:{_UNIT}),?[ \t]+|(?<=\b(?:on|at|in) ))(?:{_CAP}[ \t]+){{1,3}}"
    rf"(?:{_STREET_WORDS})\b"
)
_INDIAN = re.compile(
    r"\b(?<![\w/-])(?:(?i:h\.?\s?no\.?)\s*\d{1,4}|\d{1,4}/\d{1,4}),[ \t]+"
    rf"{_CAP}(?:[ \t]+{_CAP}){{0,2}}"
)
# A postcode and town after a comma: ", 56815 Oberviechtach", ", Jaén, 51789", "Bidar-556974".
_POSTCODE_TOWN = re.compile(
    rf"(?<=, )(?:\d{{5}}[ \t]+{_CAP}|{_CAP}(?:[ \t]+{_CAP})?,[ \t]*\d{{5}}\b)"
    rf"|(?<![\w-]){_CAP}[-  ]\d{{6}}\b"
)
# Everyday German nouns that end like a street ("Arbeitsplatz", "Heimweg").
_NOT_STREETS_LIST = """
    arbeitsplatz parkplatz spielplatz sportplatz sitzplatz stellplatz studienplatz zeltplatz
    campingplatz ausbildungsplatz praktikumsplatz marktplatz schulweg heimweg ausweg umweg
    rückweg ruckweg hinweg fluchtweg hering lebensweg gehweg radweg waldweg ehering ohrring boxring
    fingerring schlüsselring schlusselring jahrmarkt arbeitsmarkt supermarkt flohmarkt
    weihnachtsmarkt wohnungsmarkt
"""
_NOT_STREETS = frozenset(_NOT_STREETS_LIST.split())
# In German text, "-ring" and "str." end street names too ("Lachmannring", "Gröttnerstr."); in
# English they end "Spring", "During" and a sentence.
_GERMAN_NAMED = re.compile(r"\b(?<![\w-])[^\W\d_a-z][\w-]{2,}+(?:(?<=ring)|(?<=str)\.)")

_PATTERNS = (
    (_STREET, 0.9),
    (_FRENCH, 0.9),
    (_NUMBER_LAST, 0.8),
    (_SUFFIXED, 0.8),
    (_UNIT_ALONE, 0.7),
    (_PO_BOX, 0.9),
    (_UK_POSTCODE, 0.9),
    (_US_CITY_ZIP, 0.9),
    (_FRENCH_NAMED, 0.6),
    (_TYPE_FIRST_NAMED, 0.6),
    (_SUFFIXED_NAMED, 0.6),
    (_ENGLISH_NAMED, 0.6),
    (_INDIAN, 0.6),
    (_POSTCODE_TOWN, 0.6),
)
_ORDINAL = re.compile(r"\d{1,3}(?:st|nd|rd|th)")


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
    latin = latin_only(norm.text)
    patterns = _PATTERNS + (((_GERMAN_NAMED, 0.6),) if looks_german(latin) else ())
    # An intersection counts when one side is a numbered street ("41st and Maple"); "Smith and
    # Jones" is not one.
    patterns += ((_INTERSECTION, 0.6),)
    spans = [
        norm.span(KIND, match.start(), match.end(), confidence)
        for pattern, confidence in patterns
        for match in pattern.finditer(latin)
        if (pattern not in (_SUFFIXED_NAMED, _GERMAN_NAMED))
        or match.group().lower() not in _NOT_STREETS
        if pattern is not _INTERSECTION or _ORDINAL.search(match.group())
    ]
    return _join_adjacent(non_overlapping(spans), text)
