#!/usr/bin/env python3
"""Independent disposition due dates for tests/retention_reference.rs.

Written from spec/retention.md (sections 2-5 and 7), not from samad's Rust code: it reads
the same schedule CSV, records CSV and holds CSV and computes each record's due date and
state as of one day, doing every Jalali date step with jdatetime (PyPI), which has its own
calendar implementation (jalali_core).

Output: one JSON array on stdout, one element per record in input order:
    {"record_id": .., "state": .. or null, "due": "YYYY-MM-DD" or null,
     "due_jalali": "YYYY/MM/DD" or null, "row": .. or null, "error": code or null}
with error codes "trigger-not-recorded" and "no-schedule-row" (spec section 4.1, 1).

Usage: python retention_due.py SCHEDULE.csv RECORDS.csv HOLDS.csv AS_OF
"""

import csv
import datetime
import json
import re
import sys

import jdatetime

DURATION = re.compile(r"^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$")


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    header = [h.strip() for h in rows[0]]
    return [dict(zip(header, (v.strip() for v in row))) for row in rows[1:] if any(v.strip() for v in row)]


def parse_date(text):
    """Jalali YYYY/MM/DD or ISO YYYY-MM-DD (spec section 7), ASCII digits."""
    if "-" in text:
        return jdatetime.date.fromgregorian(date=datetime.date.fromisoformat(text))
    y, m, d = (int(p) for p in text.split("/"))
    return jdatetime.date(y, m, d)


def parse_duration(text):
    m = DURATION.match(text)
    if not m or text == "P":
        raise ValueError(f"bad duration {text!r}")
    years, months, weeks, days = (int(g) if g else 0 for g in m.groups())
    return years, months, weeks * 7 + days


def days_in_month(year, month):
    if month <= 6:
        return 31
    if month <= 11:
        return 30
    return 30 if jdatetime.date(year, 1, 1).isleap() else 29


def add(date, duration):
    """Spec section 3: add 12y+m months keeping the day (clamped), then add the days."""
    years, months, days = duration
    total = (date.year * 12 + date.month - 1) + years * 12 + months
    year, month = divmod(total, 12)
    month += 1
    day = min(date.day, days_in_month(year, month))
    return jdatetime.date(year, month, day) + datetime.timedelta(days=days)


def cutoff(date, kind):
    if kind == "none":
        return date
    if kind == "month_end":
        return jdatetime.date(date.year, date.month, days_in_month(date.year, date.month))
    if kind in ("year_end", "fiscal_year_end"):
        # The Iranian fiscal year is the Jalali year (spec section 4.2).
        return jdatetime.date(date.year, 12, days_in_month(date.year, 12))
    raise ValueError(kind)


def row_for(schedule, code):
    """Class determines destiny: own row, else the nearest ancestor's (spec section 1)."""
    while True:
        if code in schedule:
            return schedule[code]
        if "." not in code:
            return None
        code = code.rsplit(".", 1)[0]


def trigger_date(record, trigger):
    if trigger == "created":
        return parse_date(record["created"])
    if trigger == "closed":
        return parse_date(record["closed"]) if record["closed"] else None
    events, metadata = {}, {}
    for item in filter(None, (i.strip() for i in record["events"].split(";"))):
        name, value = (p.strip() for p in item.split("=", 1))
        if name.startswith("metadata:"):
            metadata[name[len("metadata:"):]] = parse_date(value)
        else:
            events[name] = parse_date(value)
    kind, name = trigger.split(":", 1)
    return (metadata if kind == "metadata" else events).get(name)


def covers(hold, record):
    target = hold["target"]
    if target.startswith("record:"):
        return target[len("record:"):] == record["record_id"]
    code = target[len("class:"):]
    return record["class_code"] == code or record["class_code"].startswith(code + ".")


def is_active(hold, day):
    placed = parse_date(hold["placed"])
    lifted = parse_date(hold["lifted"]) if hold["lifted"] else None
    return placed <= day and (lifted is None or day < lifted)


def main():
    schedule_path, records_path, holds_path, as_of_text = sys.argv[1:5]
    schedule = {row["class_code"]: row for row in read_csv(schedule_path)}
    holds = {h["id"]: h for h in read_csv(holds_path)}
    as_of = parse_date(as_of_text)
    out = []
    for record in read_csv(records_path):
        entry = {"record_id": record["record_id"], "state": None, "due": None,
                 "due_jalali": None, "row": None, "error": None}
        out.append(entry)
        row = row_for(schedule, record["class_code"])
        if row is None:
            entry["error"] = "no-schedule-row"
            continue
        start = trigger_date(record, row["trigger"])
        if start is None:
            entry["error"] = "trigger-not-recorded"
            continue
        start = add(start, parse_duration(row["offset"]))
        current_end = add(cutoff(start, row["cutoff"]), parse_duration(row["current_period"]))
        periods_end = add(current_end, parse_duration(row["semi_current_period"]))

        listed = [i for i in (s.strip() for s in record["holds"].split(";")) if i]
        held = any(i not in holds for i in listed) or any(
            is_active(h, as_of) for h in holds.values() if h["id"] in listed or covers(h, record))
        if held:
            state = "held"
        elif as_of < current_end:
            state = "active"
        elif as_of < periods_end:
            state = "semi-current"
        elif row["final_action"] == "permanent":
            state = "permanent"
        else:
            state = "due"
        entry["state"] = state
        entry["row"] = row["row"]
        if row["final_action"] != "permanent":
            entry["due"] = periods_end.togregorian().isoformat()
            entry["due_jalali"] = f"{periods_end.year:04d}/{periods_end.month:02d}/{periods_end.day:02d}"
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
