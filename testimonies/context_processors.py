"""What every page needs: where "Leave this site" goes, the languages to switch to, and the length
of a receipt code."""

from django.conf import settings

from .receipts import word_count


def site(request):
    return {
        "leave_site_url": settings.LEAVE_SITE_URL,
        # Each named in itself, untranslated: a reader finds theirs whatever the page is in.
        "site_languages": settings.LANGUAGES,
        # How many words a new receipt code has, for the pages that explain it.
        "receipt_code_words": word_count(),
    }
