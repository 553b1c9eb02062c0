"""Bar charts as SVG geometry, worked out on the server so pages that show them need no script.

The moderators' dashboard and the public statistics page both draw with these.
"""

import math
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from testimonies.models import Testimony

# Room around the plot for the value axis (left) and the bar labels (below).
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 40, 8, 10, 24
# A horizontal chart writes each label on a line of its own above its bar, so a long name
# never collides with its neighbours or runs off the left edge.
ROW_LABEL_HEIGHT, ROW_BAR_HEIGHT, ROW_GAP = 16, 14, 10
# Room at the right of the longest horizontal bar for the value written after it.
VALUE_ROOM = 48


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    value: int
    # Labels under every bar would collide when there are many: only some are drawn.
    label_shown: bool = True

    @property
    def center(self) -> float:
        return round(self.x + self.width / 2, 1)

    @property
    def middle(self) -> float:
        return round(self.y + self.height / 2, 1)

    @property
    def end(self) -> float:
        return round(self.x + self.width, 1)


@dataclass(frozen=True)
class Tick:
    y: float
    value: int


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    bars: list[Bar]
    ticks: list[Tick]
    maximum: int  # the value at the top of the axis

    @property
    def plot_left(self) -> int:
        return MARGIN_LEFT

    @property
    def plot_right(self) -> int:
        return self.width - MARGIN_RIGHT

    @property
    def tick_label_x(self) -> int:
        return MARGIN_LEFT - 6

    @property
    def baseline(self) -> int:
        return self.height - MARGIN_BOTTOM

    @property
    def label_y(self) -> int:
        return self.height - 6

    @property
    def total(self) -> int:
        return sum(bar.value for bar in self.bars)


@dataclass(frozen=True)
class HorizontalBarChart:
    """One row per value: its label, then its bar with the value written after it."""

    width: int
    height: int
    bars: list[Bar]
    maximum: int  # the value of a bar that fills the plot

    @property
    def total(self) -> int:
        return sum(bar.value for bar in self.bars)


def nice_step(rough: float) -> int:
    """The smallest whole 1, 2 or 5 times a power of ten that is at least ``rough``."""
    if rough <= 1:
        return 1
    power = 10 ** math.floor(math.log10(rough))
    return next(step * power for step in (1, 2, 5, 10) if step * power >= rough)


def bar_chart(
    values: list[tuple[str, int]],
    *,
    width: int = 640,
    height: int = 220,
    tick_count: int = 4,
    label_every: int = 1,
) -> BarChart:
    """Lay out one bar per (label, value), on an axis rounded up to a nice number."""
    highest = max((value for _, value in values), default=0)
    step = nice_step(highest / tick_count)
    maximum = step * max(1, math.ceil(highest / step))  # never 0, so zero data still draws
    plot_width = width - MARGIN_LEFT - MARGIN_RIGHT
    plot_height = height - MARGIN_TOP - MARGIN_BOTTOM
    baseline = height - MARGIN_BOTTOM

    def y_of(value: int) -> float:
        return round(baseline - value / maximum * plot_height, 1)

    slot = plot_width / max(1, len(values))
    gap = slot * 0.2  # the space between bars, split on both sides
    bars = [
        Bar(
            x=round(MARGIN_LEFT + index * slot + gap / 2, 1),
            y=y_of(value),
            width=round(slot - gap, 1),
            height=round(baseline - y_of(value), 1),
            label=label,
            value=value,
            label_shown=index % label_every == 0,
        )
        for index, (label, value) in enumerate(values)
    ]
    ticks = [Tick(y=y_of(value), value=value) for value in range(0, maximum + 1, step)]
    return BarChart(width=width, height=height, bars=bars, ticks=ticks, maximum=maximum)


def horizontal_bar_chart(values: list[tuple[str, int]], *, width: int = 640) -> HorizontalBarChart:
    """Lay out one row per (label, value), bar lengths in proportion to the highest value."""
    maximum = max(1, max((value for _, value in values), default=0))
    plot_width = width - VALUE_ROOM
    row = ROW_LABEL_HEIGHT + ROW_BAR_HEIGHT + ROW_GAP
    bars = [
        Bar(
            x=0,
            y=index * row + ROW_LABEL_HEIGHT,
            width=round(value / maximum * plot_width, 1),
            height=ROW_BAR_HEIGHT,
            label=label,
            value=value,
        )
        for index, (label, value) in enumerate(values)
    ]
    return HorizontalBarChart(
        width=width, height=max(row, len(values) * row), bars=bars, maximum=maximum
    )


# --- The statistics page -----------------------------------------------------------------------


# What a count of each kind is called on the statistics page.
KIND_NAMES = {
    Testimony.Kind.METOO: _("“Me too” with no words"),
    Testimony.Kind.STATEMENT: _("Short statements"),
    Testimony.Kind.STORY: _("Longer stories"),
}


@dataclass(frozen=True)
class KindChart:
    """One kind of testimony: how many are published in all, and its chart of the last days."""

    kind: str
    label: str
    total: int
    chart: BarChart


def statistics_charts(statistics) -> dict:
    """What the statistics page draws, prepared from selectors.statistics().

    One daily chart per kind rather than one stacked chart: "me too"s can outnumber the
    testimonies with words a hundred to one, and each kind keeps an axis on which it can be read.
    Topics are drawn as rows, the most common first, since their names are too long to stand
    under a bar.
    """
    kinds = Testimony.Kind.values
    by_count = sorted(statistics.topics, key=lambda pair: pair[1], reverse=True)
    return {
        "total": sum(statistics.totals.values()),
        "kinds": [
            KindChart(
                kind=kind,
                label=KIND_NAMES[kind],
                total=statistics.totals.get(kind, 0),
                chart=bar_chart(
                    [
                        (date_format(day, "j M"), counts.get(kind, 0))
                        for day, counts in statistics.days
                    ],
                    height=160,
                    # Ninety labels would collide: one every fifteen days is written.
                    label_every=15,
                ),
            )
            for kind in kinds
        ],
        # The table under the daily charts: each day with its count of every kind, in order.
        "days": [(day, [counts.get(kind, 0) for kind in kinds]) for day, counts in statistics.days],
        "topics": horizontal_bar_chart([(str(topic), count) for topic, count in by_count]),
    }
