"""The read-only JSON API: published testimonies page by page, and the statistics.

Everything here is public already, so any site may read it (CORS *) and any cache may keep it
for a short while. Nothing here names an author or dates anything more finely than the day.
"""

from collections.abc import Callable
from functools import wraps
from urllib.parse import urlencode

from django.http import HttpRequest, JsonResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.csrf import csrf_exempt

from . import selectors
from .models import Testimony

CACHE_SECONDS = 30


def public_json(view: Callable[[HttpRequest], dict]) -> Callable[[HttpRequest], JsonResponse]:
    """GET only; the view's dict as JSON, readable from any origin and cached for a moment."""

    # Nothing here writes, and without this a POST would meet the CSRF check (403), not a 405.
    @csrf_exempt
    @wraps(view)
    def wrapped(request: HttpRequest) -> JsonResponse:
        if request.method != "GET":
            response = JsonResponse({"error": "Only GET is allowed."}, status=405)
            response["Allow"] = "GET"
        else:
            response = JsonResponse(view(request))
            patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
        response["Access-Control-Allow-Origin"] = "*"
        return response

    return wrapped


def _query_params(request: HttpRequest) -> dict[str, str]:
    # A NUL character is refused by PostgreSQL with an error: it can be in no slug or word.
    return {key: value.replace("\x00", "") for key, value in request.GET.items()}


def _testimony(testimony: Testimony) -> dict:
    return {
        "id": testimony.public_id,
        "kind": testimony.kind,
        "title": testimony.title,
        "body": testimony.body,
        "topics": [topic.slug for topic in testimony.topics.all()],
        "content_warnings": [warning.slug for warning in testimony.content_warnings.all()],
        "published_on": testimony.published_on.isoformat(),
        "reactions": {
            "believe": testimony.believe_count,
            "metoo": testimony.metoo_count,
            "strength": testimony.strength_count,
        },
    }


@public_json
def testimonies_list(request: HttpRequest) -> dict:
    """Published statements and stories, newest first, filtered like the wall; ?cursor= pages.

    A cursor that is not one of ours reads as no cursor at all: the first page.
    """
    params = _query_params(request)
    filters = selectors.WallFilters.from_query(params)
    cursor = params.get("cursor")
    if cursor:
        page = selectors.wall_page(filters=filters, cursor=cursor)
    else:
        page = selectors.wall_first_page(filters=filters)
    next_url = None
    if page.next_cursor:
        query = {"kind": filters.kind, "topic": filters.topic, "q": filters.query}
        query = {key: value for key, value in query.items() if value}
        query["cursor"] = page.next_cursor
        next_url = request.build_absolute_uri(
            f"{reverse('testimonies:api_testimonies')}?{urlencode(query)}"
        )
    return {"results": [_testimony(testimony) for testimony in page.testimonies], "next": next_url}


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
