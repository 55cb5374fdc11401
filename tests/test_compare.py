"""Comparison: intervals, periods and the four statuses."""

from __future__ import annotations

from claimcheck.compare import SEVERAL_SOURCES, Item, compare
from claimcheck.compare.judge import item_of_claim


def item(
    cid: int, low: float, high: float, start: str | None = None, end: str | None = None, source: int | None = None
) -> Item:
    return Item(cid, source if source is not None else cid, low, high, start, end or start)


def test_single() -> None:
    assert compare([item(1, 58.5, 59.5, "2021")]).status == "single"


def test_agree_counts_sources_not_claims() -> None:
    out = compare([item(1, 29.5, 30.5, source=7), item(2, 30, 100, source=7)])
    assert out.status == "agree"
    assert out.sources_per_cluster == {1: 1}


def test_trend_when_periods_differ() -> None:
    out = compare([item(1, 79.5, 80.5, "2014", "2017"), item(2, 73.5, 74.5, "2018", "2021")])
    assert out.status == "trend"
    assert out.clusters[1] != out.clusters[2]


def test_conflict_same_period() -> None:
    assert compare([item(1, 58.5, 59.5, "2021"), item(2, 70, 100, "2021")]).status == "conflict"


def test_undated_claim_conflicts_with_dated_one() -> None:
    out = compare([item(1, 58.5, 59.5, "2021"), item(2, 70, 100, "2022"), item(3, 90, 100)])
    assert out.status == "conflict"
    # the rivals: 59 (2021) against the undated >90 only; 59 (2021) to >70 (2022) is a change
    side = out.clusters
    assert out.rivals == {tuple(sorted((side[1], side[3])))} and side[2] == side[3]


def test_only_conflicts_name_rivals() -> None:
    assert compare([item(1, 79.5, 80.5, "2014", "2017"), item(2, 73.5, 74.5, "2018", "2021")]).rivals == set()
    assert compare([item(1, 29.5, 30.5), item(2, 30, 100)]).rivals == set()


def test_clusters_are_mutually_compatible() -> None:
    # 10-20 overlaps 18-30 and 28-40, but 10-20 and 28-40 do not overlap: two sides
    out = compare([item(1, 10, 20, "2020"), item(2, 18, 30, "2020"), item(3, 28, 40, "2020")])
    assert out.clusters[1] == out.clusters[2] != out.clusters[3]
    assert out.status == "conflict"


def test_text_values() -> None:
    a = Item(1, 1, None, None, None, None, value_text="President")
    b = Item(2, 2, None, None, None, None, value_text="Vice President")
    assert compare([a, b]).status == "conflict"
    assert compare([a, Item(3, 3, None, None, None, None, value_text="president")]).status == "agree"


def test_intervals_that_only_touch_disagree() -> None:
    """'5.6%' (5.55-5.65) and '5.7%' (5.65-5.75) for one year were 'agree': they touch at
    5.65, and touching counted as overlapping. Figures stated to the same precision that
    differ are different figures; 'nearly 90%' (81-90) and 'over 90%' (90-100) too."""
    assert compare([item(1, 5.55, 5.65, "2022"), item(2, 5.65, 5.75, "2022")]).status == "conflict"
    assert compare([item(1, 81, 90, "2022"), item(2, 90, 100, "2022")]).status == "conflict"
    assert compare([item(1, 14.5e9, 15.5e9, "2017"), item(2, 15.5e9, 16.5e9, "2022")]).status == "trend"
    # overlapping by more than a point still agrees; so does a point inside an interval, ends included
    assert compare([item(1, 5.645, 5.655, "2022"), item(2, 5.65, 5.75, "2022")]).status == "agree"
    assert compare([item(1, 90, 90, "2022"), item(2, 90, 100, "2022")]).status == "agree"


def test_two_dates_of_one_year_for_one_event_conflict() -> None:
    """An event's date was compared as a period: 'held on 5 November 2024' and 'on November 6,
    2024' were two periods, so a 'trend'. Dates of one year conflict; of two years, they are
    two occurrences (elections of 2020 and 2024)."""

    def date(cid: int, iso: str, once: bool = False) -> Item:
        return Item(cid, cid, None, None, iso, iso, iso, kind="event_date", exclusive=once)

    assert compare([date(1, "2024-11-05"), date(2, "2024-11-06")]).status == "conflict"
    assert compare([date(1, "2020-11-03"), date(2, "2024-11-05")]).status == "trend"
    assert compare([date(1, "2024-11-05"), date(2, "2024-11-05")]).status == "agree"
    # a birth happens once: two years are two dates for it, not two births
    assert compare([date(1, "1957-06-14", once=True), date(2, "1958-06-14", once=True)]).status == "conflict"


def test_two_dates_of_an_actors_repeated_act_are_two_occasions() -> None:
    """'Mirko signed an Executive Order' on May 12 and on May 23: two orders, not one order
    dated twice (unit 'occasion'); one day stated twice agrees."""

    def signed(cid: int, iso: str) -> Item:
        return item_of_claim(cid, cid, None, None, iso, iso, "event_date", iso, "occasion")

    assert compare([signed(1, "2031-05-12"), signed(2, "2031-05-23")]).status == "trend"
    assert compare([signed(1, "2031-05-12"), signed(2, "2031-05-12")]).status == "agree"


def test_sides_are_numbered_by_first_claim_so_a_new_value_renumbers_none() -> None:
    stored = compare([item(1, 10, 10, "2022"), item(2, 30, 30, "2022")]).clusters
    later = compare([item(1, 10, 10, "2022"), item(2, 30, 30, "2022"), item(3, 20, 20, "2022")]).clusters
    assert {c: later[c] for c in stored} == stored == {1: 1, 2: 2}
    assert later[3] == 3


def test_claims_repeating_a_value_share_its_side_and_count_as_sources() -> None:
    out = compare([item(1, 5, 5), item(2, 9, 9), item(3, 5, 5, source=8), item(4, 5, 5, source=8)])
    assert out.clusters == {1: 1, 2: 2, 3: 1, 4: 1}
    assert out.sources_per_cluster == {1: 2, 2: 1} and out.status == "conflict"


def test_an_office_held_over_stated_years_and_an_undated_title_are_a_change_over_time() -> None:
    """'served as Vice President from 2009 to 2017' against a story's undated 'President
    Biden': the office changed, no conflict; two offices over overlapping years conflict."""
    now = Item(1, 1, None, None, None, None, value_text="President", kind="title")
    held = Item(2, 2, None, None, "2009", "2017", value_text="Vice President", kind="title")
    assert compare([now, held]).status == "trend"
    overlapping = Item(3, 3, None, None, "2015", "2016", value_text="President", kind="title")
    assert compare([held, overlapping]).status == "conflict"
    # figures keep their rule: an undated and a dated value that differ conflict
    assert compare([Item(4, 4, 5, 5, None, None), Item(5, 5, 7, 7, "2020", "2020")]).status == "conflict"


def _item(cid: int, source: int, value: float, period: str | None = None) -> Item:
    return Item(cid, source, value - 0.5, value + 0.5, period, period)


def test_a_conflict_is_between_sources() -> None:
    """One document's two figures that cannot both hold are two things it states ('$1,088 a
    month' list price and '$299' with a coupon), not a contradiction; the same figures from
    two documents are a conflict."""
    assert compare([_item(1, 7, 1088), _item(2, 7, 299)]).status == "single"
    assert compare([_item(1, 7, 1088), _item(2, 8, 299)]).status == "conflict"
    # a third source agreeing with one of them makes it a conflict between sources again
    assert compare([_item(1, 7, 1088), _item(2, 7, 299), _item(3, 9, 299)]).status == "conflict"
    # and one document's figures over two periods are still a trend
    assert compare([_item(1, 7, 80, "2014"), _item(2, 7, 74, "2021")]).status == "trend"


def test_value_rows_stated_by_several_sources_still_conflict() -> None:
    rows = [Item(1, SEVERAL_SOURCES, 9, 10, None, None), Item(2, SEVERAL_SOURCES, 20, 21, None, None)]
    assert compare(rows).status == "conflict"


def test_a_running_count_that_moved_between_dates_is_a_trend_though_its_bounds_overlap() -> None:
    at_least = Item(1, 7, 4922, None, "2031-10-24", "2031-10-24")  # "at least 4,922"
    almost = Item(2, 8, 6500, 7000, "2031-11-29", "2031-11-29")  # "almost 7,000"
    assert compare([at_least, almost]).status == "trend"
    same_day = Item(2, 8, 6500, 7000, "2031-10-24", "2031-10-24")
    assert compare([at_least, same_day]).status == "agree"  # one date: both hold
    rounded = Item(
        2, 8, 4900, 5000, "2031-11-29", "2031-11-29"
    )  # "nearly 5,000" a month later: the same value, rounded
    assert compare([Item(1, 7, 4950, 4960, "2031-10-24", "2031-10-24"), rounded]).status == "agree"


def test_a_count_since_one_start_through_two_dates_is_a_trend() -> None:
    """'5 deals since September 30' (report of November 6), '14' (December 19): one running
    count through two dates, though both periods overlap; the same end still conflicts."""
    nov = Item(1, 7, 5, 5, "2031-09-30", "2031-11-06")
    dec = Item(2, 8, 14, 14, "2031-09-30", "2031-12-19")
    assert compare([nov, dec]).status == "trend"
    assert compare([nov, Item(2, 8, 14, 14, "2031-09-30", "2031-11-06")]).status == "conflict"
    rows = [
        Item(1, SEVERAL_SOURCES, 5, 5, "2031-09-30", "2031-11-06"),
        Item(2, SEVERAL_SOURCES, 14, 14, "2031-09-30", "2031-12-19"),
    ]
    assert compare(rows).status == "trend"  # (value rows of several sources: compared by envelopes)


def test_a_running_count_as_of_its_report_and_an_undated_figure_are_a_change() -> None:
    """'Death toll climbs to 11' (as of the report's date) and an encyclopedia's undated
    '74': not a contradiction, the count moved; two undated figures still conflict, and so
    does an undated figure against one of a stated period."""
    from claimcheck.compare.judge import REPORT_DATE, item_of_claim

    def toll(cid: int, value: float, start: str | None, text: str | None) -> Item:
        return item_of_claim(cid, cid, value, value, start, start, "numeric", None, "people", text)

    as_of = toll(1, 11, "2031-10-11", REPORT_DATE)
    assert as_of.as_of and toll(1, 11, "2031-10-11", "as of October 11").as_of
    assert not toll(1, 11, "2031", "in 2031").as_of
    assert compare([as_of, toll(2, 74, None, None)]).status == "trend"
    assert compare([toll(1, 11, "2031", "in 2031"), toll(2, 74, None, None)]).status == "conflict"
    assert compare([toll(1, 86, None, None), toll(2, 85, None, None), as_of]).status == "conflict"
    rows = [
        Item(1, SEVERAL_SOURCES, 11, 11, "2031-10-11", "2031-10-11", as_of=True),
        Item(2, SEVERAL_SOURCES, 74, 74, None, None),
    ]
    assert compare(rows).status == "trend"  # (value rows of several sources: compared by envelopes)


def test_a_part_of_a_period_is_another_figure_than_the_whole() -> None:
    """'10.7% in the fourth quarter of 2030' and '11.2% in 2030': a quarter's rate is not the
    year's, so they differ without conflicting; a day within the year is a figure as of that
    day and still conflicts, and so do two figures of one quarter."""
    year = item(1, 11.15, 11.25, "2030")
    assert compare([year, item(2, 10.65, 10.75, "2030-10", "2030-12")]).status == "trend"
    assert compare([year, item(2, 10.85, 10.95, "2026", "2030")]).status == "trend"  # (a five-year average)
    assert compare([year, item(2, 10.65, 10.75, "2030-12-05")]).status == "conflict"
    q4 = item(1, 11.15, 11.25, "2030-10", "2030-12")
    assert compare([q4, item(2, 10.65, 10.75, "2030-10", "2030-12")]).status == "conflict"
    rows = [
        Item(1, SEVERAL_SOURCES, 11.15, 11.25, "2030", "2030"),
        Item(2, SEVERAL_SOURCES, 10.65, 10.75, "2030-10", "2030-12"),
    ]
    assert compare(rows).status == "trend"  # (by envelopes as well)


def test_a_level_a_count_came_down_from_is_no_rival_of_an_undated_figure() -> None:
    """'11 missing, down from more than 1,000' (the 1,000 earlier, at no time said) and an
    encyclopedia's final 'Missing people 3' were a conflict: an earlier level is a change
    from any other figure; two undated figures still conflict."""
    from claimcheck.normalize.periods import EARLIER

    def count(cid: int, value: float, text: str | None) -> Item:
        return item_of_claim(cid, cid, value, value, None, None, "numeric", None, "people", text)

    earlier = count(1, 1000, EARLIER)
    assert earlier.earlier and not count(1, 1000, None).earlier
    assert compare([earlier, count(2, 3, None)]).status == "trend"
    assert compare([count(1, 1000, None), count(2, 3, None)]).status == "conflict"


def test_an_earlier_level_in_value_rows_of_several_sources() -> None:
    """The same as a claim-by-claim comparison when the rows are value rows stated by several
    sources each (compared by envelopes)."""
    rows = [Item(1, SEVERAL_SOURCES, 1000, 1000, None, None, earlier=True), Item(2, SEVERAL_SOURCES, 3, 3, None, None)]
    assert compare(rows).status == "trend"
    rows = [Item(1, SEVERAL_SOURCES, 1000, 1000, None, None), Item(2, SEVERAL_SOURCES, 3, 3, None, None)]
    assert compare(rows).status == "conflict"
