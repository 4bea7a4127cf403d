#!/usr/bin/env python3
"""Outside references for samad's Jalali calendar (tests/reference_jalali.rs).

Default mode: every Jalali day from 1300/01/01 to 1500/12/29 as jdatetime converts it, one
line per day, in order:

    1300/01/01 1921-03-21 Monday

the Jalali date (jdatetime's Gregorian-to-Jalali conversion of the Gregorian date), the
Gregorian date (ISO 8601), and the weekday (from Python's own `datetime`, independent of
both calendars' code). The walk steps through Gregorian days with `datetime.timedelta` and
checks that jdatetime's Jalali-to-Gregorian conversion gives each day back; if it does not,
the script stops with exit status 2.

`--nowruz` mode: for each Jalali year 1200 to 1600, the Gregorian date of 1 Farvardin by the
astronomical rule, computed with PyEphem (VSOP87 and its Delta-T model):

    1403 2024-03-20 +331.4

1 Farvardin is the day in whose local apparent noon at 52.5 deg E (the Iran Standard Time
meridian, the one icu_calendar's table was checked against) the March equinox has already
happened. The last field is the equinox's lead over the apparent noon of the equinox's UT
date, in minutes; when it is negative the equinox came after that noon and 1 Farvardin is
the next day. Years with a lead of a few minutes either way are the uncertain ones.

Usage: .venv/bin/python scripts/reference/jalali_days.py [--nowruz]
"""

import datetime
import sys

FIRST = (1300, 1, 1)
LAST = (1500, 12, 29)
NOWRUZ_YEARS = range(1200, 1601)
MERIDIAN = "52.5"
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def days() -> int:
    import jdatetime

    out = sys.stdout
    gregorian = jdatetime.date(*FIRST).togregorian()
    one_day = datetime.timedelta(days=1)
    while True:
        jalali = jdatetime.date.fromgregorian(date=gregorian)
        back = jalali.togregorian()
        if back != gregorian:
            print(
                f"jdatetime is inconsistent: {gregorian} -> {jalali.strftime('%Y/%m/%d')}"
                f" -> {back}",
                file=sys.stderr,
            )
            return 2
        out.write(
            f"{jalali.year:04d}/{jalali.month:02d}/{jalali.day:02d} "
            f"{gregorian.isoformat()} {WEEKDAYS[gregorian.weekday()]}\n"
        )
        if (jalali.year, jalali.month, jalali.day) == LAST:
            return 0
        gregorian += one_day


def nowruz() -> int:
    import ephem

    sun = ephem.Sun()
    observer = ephem.Observer()
    observer.lon = MERIDIAN
    for year in NOWRUZ_YEARS:
        # PyEphem dates are UT; 3:30 is the meridian's offset, so noon at 52.5 E is near
        # 08:30 UT and the UT date of the equinox is the local date of that noon.
        equinox = ephem.Date(ephem.next_vernal_equinox(f"{year + 621}/3/1")).datetime()
        day = equinox.date()
        observer.date = datetime.datetime(day.year, day.month, day.day)
        noon = observer.next_transit(sun).datetime()
        lead = (noon - equinox).total_seconds() / 60
        first = day if lead >= 0 else day + datetime.timedelta(days=1)
        sys.stdout.write(f"{year} {first.isoformat()} {lead:+.1f}\n")
    return 0


if __name__ == "__main__":
    sys.exit(nowruz() if sys.argv[1:] == ["--nowruz"] else days())
