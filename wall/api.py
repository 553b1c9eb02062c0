"""The read-only JSON API: published testimonies page by page, and the statistics.

Everything here is public already, so any site may read it (CORS *) and any cache may keep it
for a short while. Nothing here names an author or dates anything more finely than the day.
"""

import json
from collections.abc import Callable
from functools import wraps
from urllib.parse import urlencode

from django.contrib.humanize.templatetags.humanize import intcomma
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language, ngettext
from django.views.decorators.csrf import csrf_exempt

from config.middleware import PUBLIC_MAX_AGE
from testimonies.models import Testimony

from . import selectors
from .app_settings import app_settings
from .caching import cached

# As long as any shared cache may keep a page (config.middleware.PUBLIC_MAX_AGE): a redacted
# word must not outlive the freshness bound in a proxy either.
CACHE_SECONDS = PUBLIC_MAX_AGE


def public_json(
    view: Callable[[HttpRequest], bytes | dict], *, max_age: int = CACHE_SECONDS
) -> Callable[[HttpRequest], HttpResponse]:
    """GET only; the view's dict (or its JSON, already encoded) readable from any origin and
    cached for a moment. A query this API never links to gets a 400 with what went wrong."""

    # Nothing here writes, and without this a POST would meet the CSRF check (403), not a 405.
    @csrf_exempt
    @wraps(view)
    def wrapped(request: HttpRequest) -> HttpResponse:
        if request.method != "GET":
            response = JsonResponse({"error": "Only GET is allowed."}, status=405)
            response["Allow"] = "GET"
        else:
            try:
                body = view(request)
            except selectors.InvalidQuery as error:
                response = JsonResponse({"error": error.message}, status=400)
            else:
                if isinstance(body, dict):
                    body = _encoded(body)
                response = HttpResponse(body, content_type="application/json")
                patch_cache_control(response, public=True, max_age=max_age)
        response["Access-Control-Allow-Origin"] = "*"
        return response

    return wrapped


def _encoded(value: dict) -> bytes:
    return json.dumps(value, cls=DjangoJSONEncoder).encode()


def _testimony(testimony: Testimony) -> dict:
    return {
        "id": testimony.public_id,
        "kind": testimony.kind,
        "language": testimony.language,
        "title": testimony.title,
        "body": testimony.body,
        "topics": [topic.slug for topic in testimony.topic_list],
        "content_warnings": [warning.slug for warning in testimony.warning_list],
        "published_on": testimony.published_on.isoformat(),
        "reactions": {
            "believe": testimony.believe_reactions,
            "metoo": testimony.metoo_reactions,
            "strength": testimony.strength_reactions,
        },
    }


@public_json
def testimonies_list(request: HttpRequest) -> bytes:
    """Published statements and stories, newest first, filtered like the wall; ?cursor= pages.

    A page without a search is encoded once per change of what the public sees.
    """
    query = selectors.WallQuery.from_params(request.GET)
    # The next link is absolute, so the site's address is part of the name: a host and scheme
    # Django has already checked against ALLOWED_HOSTS.
    site = f"{request.scheme}://{request.get_host()}"
    return cached(
        f"api:{site}:{query.cache_name}",
        lambda: _encoded(_page(request, query)),
        this_process_only=bool(query.query),
    )


def _page(request: HttpRequest, query: selectors.WallQuery) -> dict:
    page = selectors.wall_page_cached(query=query)
    next_url = None
    if page.next_cursor:
        params = {**query.filters, "cursor": page.next_cursor}
        next_url = request.build_absolute_uri(
            f"{reverse('wall:api_testimonies')}?{urlencode(params)}"
        )
    return {"results": [_testimony(testimony) for testimony in page.testimonies], "next": next_url}


def count(request: HttpRequest) -> bytes:
    """How many have said "me too", in all and today, with the words the wall shows for it."""

    def figures() -> bytes:
        total, today = selectors.metoo_count(), selectors.metoo_count_today()
        return _encoded(
            {
                "metoo_count": total,
                "metoo_count_today": today,
                # For the wall's counter: the number as the page writes it, and a sentence
                # for screen readers, both in the reader's language.
                "display": intcomma(total),
                "sentence": ngettext(
                    "%(count)s person has said “me too”",
                    "%(count)s people have said “me too”",
                    total,
                )
                % {"count": intcomma(total)},
                "today_sentence": ngettext(
                    "%(count)s of them today.", "%(count)s of them today.", today
                )
                % {"count": intcomma(today)},
            }
        )

    return cached(f"count:{get_language()}", figures)


count = public_json(count, max_age=app_settings.COUNT_REFRESH_SECONDS)


@public_json
def stats(request: HttpRequest) -> dict:
    """Totals by kind (and in all), each day of the last 90 (UTC), and testimonies by topic."""
    statistics = selectors.statistics()
    return {
        "totals": {**statistics.totals, "all": sum(statistics.totals.values())},
        "per_day": [{"day": day.isoformat(), **counts} for day, counts in statistics.days],
        "topics": [
            {"slug": topic.slug, "name": topic.name, "count": count}
            for topic, count in statistics.topics
        ],
    }
