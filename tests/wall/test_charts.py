"""Bar chart geometry: nice axes, bars that fit the plot, and charts that draw with no data."""

from datetime import date, timedelta

import pytest

from testimonies.models import Topic
from wall.charts import bar_chart, horizontal_bar_chart, nice_step, statistics_charts
from wall.selectors import Statistics


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


def test_horizontal_bars_are_in_proportion_and_the_longest_leaves_room_for_its_value():
    chart = horizontal_bar_chart([("Workplace", 10), ("Online", 5), ("Sport", 0)], width=640)
    longest, half, empty = chart.bars
    assert longest.end < chart.width
    assert half.width == pytest.approx(longest.width / 2, abs=0.1)
    assert empty.width == 0
    assert chart.total == 15


def test_horizontal_rows_stack_downwards_without_overlapping_and_fit_the_chart():
    chart = horizontal_bar_chart([(f"Topic {n}", n) for n in range(12)])
    for upper, lower in zip(chart.bars, chart.bars[1:], strict=False):
        assert upper.y + upper.height < lower.y
    assert chart.bars[-1].y + chart.bars[-1].height <= chart.height
    assert all(bar.y > 0 for bar in chart.bars)  # room above each bar for its label


def test_a_horizontal_chart_with_no_values_is_empty_but_has_a_size():
    chart = horizontal_bar_chart([])
    assert chart.bars == []
    assert chart.height > 0


def statistics(days=90, **by_kind_today):
    today = date(2025, 3, 31)
    per_day = [
        (today - timedelta(days=back), {"metoo": 0, "statement": 0, "story": 0})
        for back in range(days - 1, -1, -1)
    ]
    per_day[-1][1].update(by_kind_today)
    return Statistics(
        totals={"metoo": 40, "statement": 7, "story": 3},
        days=per_day,
        topics=[(Topic(slug="school", name="School"), 1), (Topic(slug="online", name="Online"), 6)],
    )


def test_the_statistics_have_a_daily_chart_for_each_kind_with_a_bar_a_day():
    charts = statistics_charts(statistics(metoo=12, story=1))
    assert [kind.kind for kind in charts["kinds"]] == ["metoo", "statement", "story"]
    assert [kind.total for kind in charts["kinds"]] == [40, 7, 3]
    assert charts["total"] == 50
    metoo, statement, story = (kind.chart for kind in charts["kinds"])
    assert len(metoo.bars) == len(statement.bars) == len(story.bars) == 90
    assert (metoo.bars[-1].value, statement.bars[-1].value, story.bars[-1].value) == (12, 0, 1)
    assert metoo.bars[-1].label == "31 Mar"
    assert sum(bar.label_shown for bar in metoo.bars) == 6


def test_the_statistics_table_lists_every_day_with_each_kind_in_chart_order():
    charts = statistics_charts(statistics(metoo=12, story=1))
    assert len(charts["days"]) == 90
    assert charts["days"][-1] == (date(2025, 3, 31), [12, 0, 1])


def test_the_topics_chart_puts_the_most_common_topic_first():
    chart = statistics_charts(statistics())["topics"]
    assert [(bar.label, bar.value) for bar in chart.bars] == [("Online", 6), ("School", 1)]
