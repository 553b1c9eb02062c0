"""Bar chart geometry: nice axes, bars that fit the plot, and charts that draw with no data."""

import pytest

from moderation.charts import bar_chart, nice_step


@pytest.mark.parametrize(
    ("rough", "step"), [(0, 1), (0.25, 1), (1.75, 2), (3, 5), (7, 10), (25, 50), (120, 200)]
)
def test_a_step_is_rounded_up_to_one_two_or_five_times_a_power_of_ten(rough, step):
    assert nice_step(rough) == step


@pytest.mark.parametrize(("highest", "maximum"), [(1, 1), (7, 8), (10, 10), (23, 30), (99, 100)])
def test_the_axis_ends_at_a_nice_number_at_or_above_the_highest_value(highest, maximum):
    chart = bar_chart([("a", 0), ("b", highest)])
    assert chart.maximum == maximum
    assert chart.ticks[0].value == 0
    assert chart.ticks[-1].value == maximum


def test_ticks_are_evenly_spaced_from_the_baseline_up():
    chart = bar_chart([("a", 7)])
    assert [tick.value for tick in chart.ticks] == [0, 2, 4, 6, 8]
    assert chart.ticks[0].y == chart.baseline
    heights = [tick.y for tick in chart.ticks]
    assert heights == sorted(heights, reverse=True)  # SVG's y grows downwards


def test_bar_heights_are_in_proportion_and_the_tallest_reaches_the_top():
    chart = bar_chart([("a", 10), ("b", 5), ("c", 0)], height=220)
    tallest, half, empty = chart.bars
    assert tallest.y == chart.ticks[-1].y
    assert half.height == pytest.approx(tallest.height / 2, abs=0.1)
    assert empty.height == 0
    for bar in chart.bars:
        assert bar.y + bar.height == pytest.approx(chart.baseline)


def test_bars_stand_side_by_side_inside_the_plot_without_touching():
    chart = bar_chart([(str(hour), hour) for hour in range(24)], width=640)
    assert len(chart.bars) == 24
    assert chart.bars[0].x >= chart.plot_left
    assert chart.bars[-1].x + chart.bars[-1].width <= chart.plot_right
    for left, right in zip(chart.bars, chart.bars[1:], strict=False):
        assert left.x + left.width < right.x


def test_zero_data_still_draws_a_baseline_and_a_unit_axis():
    chart = bar_chart([("a", 0), ("b", 0)])
    assert chart.maximum == 1
    assert [tick.value for tick in chart.ticks] == [0, 1]
    assert all(bar.height == 0 and bar.y == chart.baseline for bar in chart.bars)
    assert chart.total == 0


def test_no_values_at_all_gives_an_empty_chart_with_an_axis():
    chart = bar_chart([])
    assert chart.bars == []
    assert [tick.value for tick in chart.ticks] == [0, 1]


def test_with_many_bars_only_every_nth_label_is_written():
    chart = bar_chart([(f"{hour:02}:00", 1) for hour in range(24)], label_every=3)
    assert [bar.label for bar in chart.bars if bar.label_shown] == [
        "00:00", "03:00", "06:00", "09:00", "12:00", "15:00", "18:00", "21:00"
    ]  # fmt: skip
    assert all(bar.label and bar.value == 1 for bar in chart.bars)


def test_a_label_sits_under_the_middle_of_its_bar():
    bar = bar_chart([("only", 3)]).bars[0]
    assert bar.center == pytest.approx(bar.x + bar.width / 2, abs=0.1)
