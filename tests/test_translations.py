"""The Spanish, French and Arabic catalogs: complete, up to date with the source, compiled.

A string added or changed anywhere in the source makes the first test fail until `make messages`
has brought it into every catalog and someone has translated it. These tests need GNU gettext
(`msgfmt`, `xgettext`, `msgattrib`), as `make messages` does; the site itself needs only the
committed .mo files.
"""

import gettext
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation

from tests.conftest import service_missing

ROOT = Path(settings.BASE_DIR)
TRANSLATED = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
# The same folders `make messages` ignores (Makefile).
IGNORED = [".venv", "var", "tests", "node_modules", "screenshots"]


def catalog(language: str) -> Path:
    return ROOT / "locale" / language / "LC_MESSAGES" / "django.po"


@pytest.fixture
def gettext_tools():
    for tool in ("msgfmt", "xgettext", "msgmerge", "msgattrib"):
        if shutil.which(tool) is None:
            service_missing(f"GNU gettext's {tool} is not installed (apt-get install gettext)")


def entries(po: Path, *flags: str) -> list[str]:
    """The msgids msgattrib selects with these flags (e.g. --untranslated)."""
    out = subprocess.run(
        ["msgattrib", *flags, "--no-wrap", "--no-location", str(po)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return (
        [line[len('msgid "') : -1] for line in out.splitlines() if line.startswith('msgid "')][
            1:  # the header
        ]
        if out
        else []
    )


def test_the_site_offers_english_spanish_french_and_arabic_each_named_in_itself():
    assert settings.LANGUAGES == [
        ("en", "English"),
        ("es", "Español"),
        ("fr", "Français"),
        ("ar", "العربية"),
    ]


@pytest.mark.parametrize("language", TRANSLATED)
def test_each_language_is_served_from_its_committed_catalog(language):
    """Only Python is needed to serve the translations: the .mo files are in the repository."""
    assert catalog(language).with_suffix(".mo").is_file()
    with translation.override(language):
        assert translation.gettext("Leave this site") != "Leave this site"
        assert translation.gettext("Me too, safely") != "Me too, safely"


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_string_in_the_source_is_translated_in_every_language(
    language, gettext_tools, tmp_path, settings, monkeypatch
):
    """makemessages on a copy of the source, merged into a copy of the catalogs: nothing new,
    nothing untranslated, nothing fuzzy. When this fails: `make messages`, then translate."""
    source = tmp_path / "source"
    shutil.copytree(
        ROOT,
        source,
        ignore=shutil.ignore_patterns(*IGNORED, ".git", "__pycache__", ".*_cache", "*.mo"),
    )
    settings.LOCALE_PATHS = [source / "locale"]
    monkeypatch.chdir(source)
    call_command(
        "makemessages",
        locale=[language],
        ignore_patterns=IGNORED,
        add_location="file",
        no_obsolete=True,
        verbosity=0,
    )
    po = source / "locale" / language / "LC_MESSAGES" / "django.po"
    untranslated = entries(po, "--untranslated")
    fuzzy = entries(po, "--only-fuzzy")
    assert not untranslated, f"untranslated in {language} (run `make messages`): {untranslated}"
    assert not fuzzy, f"fuzzy in {language}, to check and translate again: {fuzzy}"
    check = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(po)],
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stderr
    assert "untranslated" not in check.stderr and "fuzzy" not in check.stderr, check.stderr


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_committed_mo_file_is_compiled_from_the_committed_po_file(
    language, gettext_tools, tmp_path
):
    compiled = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "-o", str(compiled), str(catalog(language))], check=True)

    def messages(path: Path) -> dict:
        with path.open("rb") as f:
            return gettext.GNUTranslations(f)._catalog

    committed = messages(catalog(language).with_suffix(".mo"))
    assert committed == messages(compiled), "run `make messages` and commit the .mo files"


def test_arabic_has_its_six_plural_forms():
    header = catalog("ar").read_text()
    assert "nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3" in header
    with translation.override("ar"):
        forms = {
            translation.ngettext("%(counter)s finding, risk %(score)s", "x", n) for n in (2, 5, 50)
        }
    assert len(forms) == 3  # two, a few, many
