"""Find public figures: people named in the news, whom naming identifies no survivor.

They are their own kind of finding, "public", so a moderator sees "names a public person"
rather than a private name to remove; the risk score gives them no weight, and the names
detector leaves them alone. The list is hand-kept: people who made the news on sexual
harassment and abuse, and the heads of state, royals and celebrities stories mention.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

from moderation.detectors._normalize import non_overlapping, normalize
from moderation.detectors.spans import Span

KIND = "public"

_PEOPLE = """
    Harvey Weinstein|Jeffrey Epstein|Ghislaine Maxwell|Bill Cosby|Kevin Spacey|R. Kelly
    |Sean Combs|P. Diddy|Diddy|Larry Nassar|Jimmy Savile|Prince Andrew|Andrew Tate|Tristan Tate
    |Brett Kavanaugh|Christine Blasey Ford|Anita Hill|Clarence Thomas|Tarana Burke
    |Alyssa Milano|Rose McGowan|Ashley Judd|Ronan Farrow|Gwyneth Paltrow|Angelina Jolie
    |Terry Crews|Roman Polanski|Woody Allen|Mia Farrow|Dylan Farrow|Louis C.K.|Matt Lauer
    |Charlie Rose|Bill O'Reilly|Roger Ailes|Les Moonves|Al Franken|Andrew Cuomo|Danny Masterson
    |Marilyn Manson|Evan Rachel Wood|Johnny Depp|Amber Heard|Russell Brand|Huw Edwards
    |Phillip Schofield|Rolf Harris|Gary Glitter|Stuart Hall|Max Clifford|Mohamed Al Fayed
    |Donald Trump|Joe Biden|Barack Obama|Michelle Obama|Hillary Clinton|Bill Clinton
    |Kamala Harris|George Bush|Boris Johnson|Theresa May|Rishi Sunak|Keir Starmer
    |Liz Truss|King Charles|Queen Elizabeth|Prince Harry|Prince William|Meghan Markle
    |Kate Middleton|Elon Musk|Mark Zuckerberg|Jeff Bezos|Oprah Winfrey|Taylor Swift|Beyoncé
    |Beyonce|Rihanna|Lady Gaga|Kim Kardashian|Britney Spears|Madonna|Kanye West|Jay-Z
    |Leonardo DiCaprio|Tom Cruise|Brad Pitt|Emma Watson|Jennifer Lopez|Shakira|Chris Brown
    |Cristiano Ronaldo|Lionel Messi|Serena Williams|Simone Biles|Aly Raisman|McKayla Maroney
    |Narendra Modi|Rahul Gandhi|Sonia Gandhi|Shah Rukh Khan|Salman Khan|Amitabh Bachchan
    |Priyanka Chopra|Deepika Padukone|Tanushree Dutta|Nana Patekar|M. J. Akbar|MJ Akbar
    |Brij Bhushan Sharan Singh|Vinesh Phogat|Sakshi Malik|Virat Kohli|Sachin Tendulkar
    |Pedro Sánchez|Jenni Hermoso|Luis Rubiales|Rosalía|Penélope Cruz|Plácido Domingo
    |Rafa Nadal|Rafael Nadal|Isabel Díaz Ayuso|Antonio Banderas|Felipe VI|Rey Felipe
    |Pablo Iglesias|Íñigo Errejón|Dani Alves|Alejandro Sanz|Irene Montero|Juan Carlos I
    |Carlos Vermut|Santiago Abascal|Alberto Núñez Feijóo|Yolanda Díaz
    |Emmanuel Macron|Brigitte Macron|Gérard Depardieu|Adèle Haenel|Judith Godrèche
    |Gisèle Pelicot|Dominique Pelicot|Dominique Strauss-Kahn|Patrick Poivre d'Arvor|PPDA
    |Kylian Mbappé|Marine Le Pen|Catherine Deneuve|Nicolas Sarkozy|François Hollande
    |Gérald Darmanin|Benoît Jacquot|Jacques Doillon|Gabriel Matzneff|Vanessa Springora
    |Camille Kouchner|Olivier Duhamel|Nicolas Hulot|Abbé Pierre|Christophe Ruggia
    |Angela Merkel|Olaf Scholz|Friedrich Merz|Annalena Baerbock|Till Lindemann|Dieter Wedel
    |Helene Fischer|Boris Becker|Thomas Müller|Heidi Klum|Til Schweiger|Jérôme Boateng
    |Luke Mockridge|Julian Reichelt|Christian Lindner|Robert Habeck|Frank-Walter Steinmeier
    |Donald|Trump|Weinstein|Epstein|Obama|Macron|Merkel|Modi
"""


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@cache
def _pattern() -> re.Pattern:
    people = {p.strip() for p in _PEOPLE.split("|") if p.strip()}
    # Surnames alone ("Weinstein") are public only when capitalised; full names in any case.
    alternatives = sorted({re.escape(_fold(p)) for p in people}, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?:'s|\u2019s)?(?!\w)")


def find(text: str) -> list[Span]:
    """Public figures named in ``text``, sorted by start and non-overlapping."""
    return list(_find(text))


@lru_cache(maxsize=8)
def _find(text: str) -> tuple[Span, ...]:
    # The names detector asks too, to leave public figures alone: the last few are kept.
    norm = normalize(text, casefold=True, strip_marks=True)
    spans = []
    for match in _pattern().finditer(norm.text):
        span = norm.span(KIND, match.start(), match.end(), 1.0)
        if span.text[:1].isupper():
            spans.append(span)
    return tuple(non_overlapping(spans))
