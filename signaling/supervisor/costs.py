"""Cost sharing: per month, service point and agency, the customer transactions the point
served, which the compensation model pays the municipality for (docs/DOMAIN: a base fee
plus a fee per transaction), as a table, CSV and an Excel workbook with the same figures.

A transaction *served* is a contact a clerk took and finished: ``handled``, or
``transferred`` (the next agency's contact is its own transaction). A contact the network
cut off is not one: its customer queues again at the head and is served, and counted,
then. Abandoned and no-clerk contacts are shown beside them, not paid. Months are Finnish
calendar months, by when the customer queued (as the usage report counts).
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import astuple, dataclass, fields
from datetime import datetime

from signaling.store import SLOT_S, UsageFigures
from signaling.supervisor.reports import REPORT_ZONE, unix_time

SERVED = ("handled", "transferred")
OUTCOMES = ("handled", "transferred", "abandoned", "no_clerk", "connection_lost")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class CostRow:
    month: str  # YYYY-MM
    point: str
    agency: str
    served: int
    handled: int
    transferred: int
    abandoned: int
    no_clerk: int
    connection_lost: int


def month_bounds(first: str, last: str) -> tuple[float, float]:
    """Unix times from the start of month ``first`` to the end of month ``last``
    (YYYY-MM, Finnish time); ValueError for anything else."""
    start = datetime.strptime(first, "%Y-%m").replace(tzinfo=REPORT_ZONE)
    end = datetime.strptime(last, "%Y-%m").replace(tzinfo=REPORT_ZONE)
    end = (
        end.replace(year=end.year + 1, month=1)
        if end.month == 12
        else end.replace(month=end.month + 1)
    )
    if end <= start:
        raise ValueError("the last month comes before the first")
    return unix_time(start), unix_time(end)


def cost_rows(figures: UsageFigures, points: list[tuple[int, str, str]]) -> list[CostRow]:
    """The database's counts (per quarter-hour slot) as one row per month, point and
    agency, in that order."""
    names = {point_id: name for point_id, name, _zone in points}
    counts: dict[tuple[str, str, str], Counter[str]] = {}
    for agency, point_id, outcome, slot, n in figures.slots:
        month = datetime.fromtimestamp(slot * SLOT_S, REPORT_ZONE).strftime("%Y-%m")
        key = (month, names.get(point_id, str(point_id)), agency)
        counts.setdefault(key, Counter())[outcome] += n
    return [
        CostRow(
            month,
            point,
            agency,
            sum(c[o] for o in SERVED),
            *(c[o] for o in OUTCOMES),
        )
        for (month, point, agency), c in sorted(counts.items())
    ]


def columns() -> list[str]:
    return [f.name for f in fields(CostRow)]


def to_csv(rows: list[CostRow]) -> bytes:
    """RFC 4180 CSV in UTF-8 with a byte-order mark, so that Excel reads ä and ö too."""
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(columns())
    writer.writerows(astuple(row) for row in rows)
    return text.getvalue().encode("utf-8-sig")


def to_xlsx(rows: list[CostRow], title: str) -> bytes:
    """One sheet: a title line, the header, a row per month, point and agency, and the
    period's totals; numbers as numbers."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Transactions"
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append(columns())
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(list(astuple(row)))
    totals = [sum(getattr(r, name) for r in rows) for name in columns()[3:]]
    sheet.append(["total", "", "", *totals])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for letter, width in zip("ABCDEFGHI", (10, 18, 12, 9, 9, 12, 10, 9, 16), strict=True):
        sheet.column_dimensions[letter].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
