from __future__ import annotations

import datetime

import pytest

from bench.pages import Page, PageResult, Report
from bench.stats import Timing, percentile, ratio, summarise


def test_summarise_odd_count_median_is_middle_sample():
    assert summarise([5.0, 1.0, 3.0]) == Timing(median_ms=3.0, p95_ms=5.0, samples=3)


def test_summarise_even_count_median_is_mean_of_middle_samples():
    assert summarise([4.0, 1.0, 3.0, 2.0]) == Timing(median_ms=2.5, p95_ms=4.0, samples=4)


def test_percentile_twenty_samples_is_nineteenth():
    assert percentile([float(n) for n in range(20, 0, -1)], 95) == 19.0


def test_percentile_hundred_samples_is_ninety_fifth():
    assert percentile([float(n) for n in range(1, 101)], 95) == 95.0


def test_percentile_thirty_samples_is_twenty_ninth():
    assert percentile([float(n) for n in range(1, 31)], 95) == 29.0


def test_summarise_no_samples_raises():
    with pytest.raises(ValueError):
        summarise([])


def test_ratio_is_page_over_floor():
    assert ratio(6.0, 2.0) == 3.0


def test_ratio_zero_floor_raises():
    with pytest.raises(ValueError):
        ratio(6.0, 0.0)


def report_with(queries_large: int, queries_small: int) -> Report:
    page = Page("team", "Festival team", "/p/1/team/", "admin")
    result = PageResult(page, Timing(4.0, 5.0, 30), 8.0, queries_large, queries_small)
    return Report(datetime.datetime(2026, 5, 1, 12, 0, tzinfo=datetime.UTC), 30, 5, {"CPUs": "2"}, {}, [result])


def test_report_markdown_flags_page_whose_queries_grow():
    markdown = report_with(queries_large=806, queries_small=26).markdown()

    assert "| Festival team `/p/1/team/` | admin | 4.00 | 5.00 | 8.0 | 806 | 26 | **grows** |" in markdown
    assert "- Festival team as admin: 26 → 806" in markdown


def test_report_markdown_flat_queries_say_so():
    markdown = report_with(queries_large=6, queries_small=6).markdown()

    assert "| Festival team `/p/1/team/` | admin | 4.00 | 5.00 | 8.0 | 6 | 6 | yes |" in markdown
    assert "Every page makes as many queries on the large seed as on the small one." in markdown
