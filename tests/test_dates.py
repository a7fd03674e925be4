"""One date reader (text/dates) for every date refcheck takes from outside: catalog tables,
front matter, archive fields, datelines, settings and library arguments (issue 11)."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, strategies as st

from refcheck.catalog.importer import parse_date as table_date
from refcheck.lint.jsonl import parse_date as archive_date
from refcheck.text.dates import date_problem, iso_day, parse_date, parse_iso, to_iso_text


def _forms(d: dt.date) -> list[str]:
    """The ways real text writes a day (seeds, baomoi 2017, the shared tables)."""
    return [f"{d.day}/{d.month}/{d.year}", f"{d.day:02d}/{d.month:02d}/{d.year}",
            f"{d.day}-{d.month}-{d.year}", f"{d.day:02d}.{d.month:02d}.{d.year}",
            f"{d.day} / {d.month} / {d.year}", f"ngày {d.day} tháng {d.month} năm {d.year}",
            f"Ngày {d.day:02d} tháng {d.month} năm {d.year}",
            f"NGÀY {d.day} THÁNG {d.month} NĂM {d.year}", f"{d.day} tháng {d.month} năm {d.year}",
            d.isoformat(), f"{d.isoformat()}T10:30:00+07:00", f"{d.year}/{d.month}/{d.day}",
            f"{d.day:02d}/{d.month:02d}/{d.year} 10:30"]


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_every_written_form_reads_back(d):
    for form in _forms(d):
        assert parse_date(form) == d.isoformat(), form
        assert archive_date(form) == d.isoformat(), form
        assert table_date(form) == (d.isoformat(), None), form


@pytest.mark.parametrize("raw", ["31/2/2019", "ngày 30 tháng 2 năm 2020", "2019-13-01", "4/5/20",
                                 "", "tháng 5 năm 2019", "30/5", None, 20190530])
def test_not_a_day(raw):
    assert parse_date(raw) is None


def test_the_table_reader_says_why():
    iso, why = table_date("31/2/2019")
    assert iso is None and str(why) == "impossible date '2019-02-31'"
    assert table_date("  ") == (None, None)
    assert to_iso_text("5 tháng 3 năm 2020") == "2020-03-05"
    assert date_problem("2020-03-05") is None


def test_iso_only_where_documented():
    assert parse_iso(" 2020-10-02 ") == "2020-10-02"
    assert parse_iso("02/10/2020") is None and parse_iso("2020-02-30") is None
    assert iso_day(2020, 2, 29) == "2020-02-29" and iso_day(2019, 2, 29) is None


def test_date_objects():
    assert parse_date(dt.datetime(2020, 10, 2, 9, 30)) == "2020-10-02"
    assert parse_date(dt.date(2020, 10, 2)) == "2020-10-02"
