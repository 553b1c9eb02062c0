"""Bar charts as SVG geometry, worked out on the server so the dashboard needs no script."""

import math
from dataclasses import dataclass

# Room around the plot for the value axis (left) and the bar labels (below).
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 40, 8, 10, 24


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
