"""`period:` as people write it: years, ranges, dates, fiscal years, quarters and halves."""

from datetime import date

import pytest

from reconcile.load.periods import parse_period


@pytest.mark.parametrize(
    "raw, start, end, label",
    [
        (2020, date(2020, 1, 1), date(2020, 12, 31), "2020"),
        ("2019-2021", date(2019, 1, 1), date(2021, 12, 31), "2019–2021"),
        ("2021-08", date(2021, 8, 1), date(2021, 8, 31), "2021-08"),
        ("2011-12", date(2011, 12, 1), date(2011, 12, 31), "2011-12"),  # a month, not a fiscal year
        ("2021-08-15", date(2021, 8, 15), date(2021, 8, 15), "2021-08-15"),
        # every fiscal year that runs over 2022 and 2023 lies inside 2022-01-01…2023-12-31
        ("FY2022-23", date(2022, 1, 1), date(2023, 12, 31), "FY2022–23"),
        ("FY 2022/23", date(2022, 1, 1), date(2023, 12, 31), "FY2022–23"),
        ("2022/23", date(2022, 1, 1), date(2023, 12, 31), "FY2022–23"),
        ("2022-23", date(2022, 1, 1), date(2023, 12, 31), "FY2022–23"),
        ("2022/2023", date(2022, 1, 1), date(2023, 12, 31), "FY2022–23"),
        ("FY2011-12", date(2011, 1, 1), date(2012, 12, 31), "FY2011–12"),
        ("1999/00", date(1999, 1, 1), date(2000, 12, 31), "FY1999–00"),
        # FY2023 ends in 2023 (US, Australia, India "FY23")
        ("FY2023", date(2022, 1, 1), date(2023, 12, 31), "FY2023"),
        ("FY23", date(2022, 1, 1), date(2023, 12, 31), "FY2023"),
        ("fiscal 2023", date(2022, 1, 1), date(2023, 12, 31), "FY2023"),
        ("fiscal year 2023", date(2022, 1, 1), date(2023, 12, 31), "FY2023"),
        ("Q3 2023", date(2023, 7, 1), date(2023, 9, 30), "Q3 2023"),
        ("2023-Q4", date(2023, 10, 1), date(2023, 12, 31), "Q4 2023"),
        ("q1 2024", date(2024, 1, 1), date(2024, 3, 31), "Q1 2024"),
        ("H1 2024", date(2024, 1, 1), date(2024, 6, 30), "H1 2024"),
        ("H2 2024", date(2024, 7, 1), date(2024, 12, 31), "H2 2024"),
    ],
)
def test_periods(raw, start, end, label):
    period = parse_period(raw)
    assert (period.start, period.end, period.label) == (start, end, label)


def test_spellings_of_one_fiscal_year_share_a_label():
    """Groups key on the label: FY2022-23 and 2022/23 must meet."""
    assert len({parse_period(p).label for p in ("FY2022-23", "2022/23", "2022-23", "FY2022/23")}) == 1


@pytest.mark.parametrize(
    "raw, words",
    [
        ("FY2022-25", "two calendar years in a row"),
        ("2022/25", "two calendar years in a row"),
        ("2021-13", "two calendar years in a row"),
        ("H3 2024", "two halves"),
        ("Q5 2024", "quarter"),
        ("yesterday", "fiscal year (FY2022-23"),
        ("2021-02-30", "not a year"),
    ],
)
def test_bad_periods_say_what_is_accepted(raw, words):
    with pytest.raises(ValueError, match=words.replace("(", r"\(")):
        parse_period(raw)
