"""The Atom feed: the newest published statements and stories, dated by the day only."""

from datetime import UTC, datetime, time

from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape, linebreaks
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from testimonies.models import Testimony

from . import selectors

FEED_SIZE = 50
# A story is long: the feed gives its opening and links to the whole of it.
STORY_SUMMARY_WORDS = 80


def midnight_utc(day) -> datetime:
    """A day as a moment: midnight UTC, so no feed date says when in the day anything happened."""
    return datetime.combine(day, time(), tzinfo=UTC)


class DayOnlyAtom1Feed(Atom1Feed):
    def latest_post_date(self):
        # With no entries Django would use the current time, to the microsecond: keep the day.
        return midnight_utc(super().latest_post_date().astimezone(UTC).date())

    def item_attributes(self, item):
        # Each entry in the language it was written in (its text inherits xml:lang), so a
        # reader can filter, and read it aloud, in that language.
        return {**super().item_attributes(item), "xml:lang": item["language"]}


class LatestTestimoniesFeed(Feed):
    feed_type = DayOnlyAtom1Feed
    title = _("Me too, safely: newest testimonies")
    subtitle = _(
        "Statements and stories shared anonymously by survivors of sexual harassment and "
        "assault, published after review."
    )
    link = reverse_lazy("wall:wall")
    feed_url = reverse_lazy("wall:feed")
    # Atom wants an author for the feed; it is the site. Entries name nobody.
    author_name = _("Me too, safely")

    def items(self) -> list[Testimony]:
        # The wall's own pages, so the feed shows exactly what the wall shows, in its order.
        page = selectors.wall_page_cached()
        items = list(page.testimonies)
        while page.next_cursor and len(items) < FEED_SIZE:
            after = selectors.cursor_decode(page.next_cursor)
            page = selectors.wall_page_cached(query=selectors.WallQuery(after=after))
            items.extend(page.testimonies)
        return items[:FEED_SIZE]

    def item_title(self, item: Testimony) -> str:
        return item.title or item.get_kind_display()

    def item_description(self, item: Testimony) -> str:
        # The summary is HTML: the text is escaped, so no one can put markup in a reader.
        text = item.body
        if item.kind == Testimony.Kind.STORY:
            text = Truncator(text).words(STORY_SUMMARY_WORDS)
        warnings = [str(warning) for warning in item.warning_list]
        if warnings:
            notice = _("Content warning: %(warnings)s") % {"warnings": ", ".join(warnings)}
            return f"<p><strong>{escape(notice)}</strong></p>{linebreaks(text, autoescape=True)}"
        return linebreaks(text, autoescape=True)

    def item_extra_kwargs(self, item: Testimony) -> dict:
        return {"language": item.language}

    def item_link(self, item: Testimony) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: Testimony) -> datetime:
        return midnight_utc(item.published_on)

    def item_updateddate(self, item: Testimony) -> datetime:
        return midnight_utc(item.published_on)
