"""Write moderation/data/given_names_ar.txt, the Arabic-script given names the detector
moderation/detectors/arabic_names.py knows.

    .venv/bin/python scripts/build_given_names_ar.py

From Faker (a dev dependency, maintained, MIT licence: its notice is copied into the file's
header): the male and female first names of its Arabic person providers (ar_AA, the same
lists as ar_SA and ar_PS, and ar_DZ). Each name is written without its short vowels and
shadda, as people mostly type it and as the detector compares; one name per line.
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "moderation" / "data" / "given_names_ar.txt"
LOCALES = ("ar_AA", "ar_SA", "ar_PS", "ar_DZ")
# Arabic short vowels, tanwin, shadda, sukun, superscript alef, and the tatweel.
MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")

HEADER = """\
# Arabic-script given names, one per line, written without short vowels or shadda, for
# moderation/detectors/arabic_names.py. Written by scripts/build_given_names_ar.py from
# Faker {version} (https://pypi.org/project/Faker/), providers {locales}.
#
# Faker's licence:
#
{licence}
"""


def main() -> None:
    import faker

    names: set[str] = set()
    for locale in LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attribute in ("first_names_male", "first_names_female"):
            for name in getattr(provider, attribute, ()):
                names.add(" ".join(MARKS.sub("", name).split()))
    licence = _faker_licence()
    header = HEADER.format(
        version=faker.VERSION,
        locales=", ".join(LOCALES),
        licence="\n".join(f"#   {line}".rstrip() for line in licence.splitlines()),
    )
    OUT.write_text(header + "\n".join(sorted(names)) + "\n", encoding="utf-8")
    print(f"{len(names)} names written to {OUT}")


def _faker_licence() -> str:
    from importlib.metadata import distribution

    files = distribution("Faker").files or []
    for path in files:
        if path.name.upper().startswith("LICENSE"):
            return path.read_text(encoding="utf-8")
    raise SystemExit("Faker's licence file was not found in its distribution")


if __name__ == "__main__":
    main()
