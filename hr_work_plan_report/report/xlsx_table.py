# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Tables of the work plan spreadsheets: one place that writes a header,
typed cells (numbers as numbers, dates as dates, blanks for what does not
apply), widths, a frozen header and totals as formulas."""

import datetime
from collections import namedtuple

from xlsxwriter.utility import xl_rowcol_to_cell

# kind: text, number, integer, percent, date, bool; total: a SUM row under it
Column = namedtuple("Column", "label width kind total", defaults=("text", False))

NUMBER_FORMATS = {
    "number": "#,##0.00",
    "integer": "0",
    "percent": "0.0%",
    "date": "yyyy-mm-dd",
}


class Formats:
    """The cell formats of one workbook, made once."""

    def __init__(self, workbook):
        self.workbook = workbook
        self.title = workbook.add_format({"bold": True, "font_size": 14})
        self.label = workbook.add_format({"bold": True})
        self.header = workbook.add_format(
            {
                "bold": True,
                "bg_color": "#E0EEF0",
                "border": 1,
                "text_wrap": True,
                "valign": "vcenter",
            }
        )
        self.text = workbook.add_format({"border": 1, "text_wrap": True})
        self.total_label = workbook.add_format(
            {"bold": True, "border": 1, "bg_color": "#F2F2F2"}
        )
        self.kinds = {
            kind: workbook.add_format({"border": 1, "num_format": number_format})
            for kind, number_format in NUMBER_FORMATS.items()
        }
        self.totals = {
            kind: workbook.add_format(
                {
                    "border": 1,
                    "bold": True,
                    "bg_color": "#F2F2F2",
                    "num_format": number_format,
                }
            )
            for kind, number_format in NUMBER_FORMATS.items()
        }


def write_cell(sheet, row, col, value, kind, formats):
    """One typed cell; ``None`` or ``False`` leaves it blank (bordered)."""
    if value is None or (value is False and kind != "bool"):
        sheet.write_blank(row, col, None, formats.text)
    elif kind in ("number", "integer", "percent"):
        sheet.write_number(row, col, value, formats.kinds[kind])
    elif kind == "date":
        if not isinstance(value, datetime.datetime):
            value = datetime.datetime.combine(value, datetime.time())
        sheet.write_datetime(row, col, value, formats.kinds["date"])
    elif kind == "bool":
        sheet.write_boolean(row, col, bool(value), formats.text)
    else:
        sheet.write_string(row, col, str(value), formats.text)


def write_table(sheet, top, columns, rows, formats, total_label=None, freeze=True):
    """Write ``columns`` as a header at row ``top`` and ``rows`` (lists of
    values) under it; with ``total_label``, a row of totals under the
    columns that total. Returns the row after the table."""
    for col, column in enumerate(columns):
        sheet.set_column(col, col, column.width)
        sheet.write_string(top, col, column.label, formats.header)
    if freeze:
        sheet.freeze_panes(top + 1, 0)
    row = write_rows(sheet, top + 1, columns, rows, formats)
    if total_label is not None:
        write_totals(
            sheet, row, columns, (top + 1, row - 1), rows, formats, total_label
        )
        row += 1
    return row


def write_rows(sheet, row, columns, rows, formats):
    """Write ``rows`` (lists of values, one per column) from row ``row``,
    without a header; returns the row after them."""
    for values in rows:
        for col, (column, value) in enumerate(zip(columns, values, strict=True)):
            write_cell(sheet, row, col, value, column.kind, formats)
        row += 1
    return row


# SUBTOTAL's function codes: they leave out the subtotals in their range
AGGREGATES = {"sum": 9, "average": 1}


def write_totals(sheet, row, columns, cells, rows, formats, label, aggregate="sum"):
    """A row of totals under the columns that total, ``label`` in the first
    column: SUBTOTAL formulas over rows ``cells`` (first, last), which leave
    out the subtotals among them, each carrying the total of ``rows`` for
    readers that do not calculate. With ``aggregate="average"``, averages
    of the cells that hold a number, blank where none does."""
    first, last = cells
    code = AGGREGATES[aggregate]
    sheet.write_string(row, 0, label, formats.total_label)
    for col, column in enumerate(columns[1:], start=1):
        numbers = [
            values[col]
            for values in rows
            if values[col] is not None and values[col] is not False
        ]
        if not column.total or last < first or (aggregate == "average" and not numbers):
            sheet.write_blank(row, col, None, formats.total_label)
            continue
        area = f"{xl_rowcol_to_cell(first, col)}:{xl_rowcol_to_cell(last, col)}"
        value = sum(numbers)
        if aggregate == "average":
            value /= len(numbers)
        sheet.write_formula(
            row, col, f"=SUBTOTAL({code},{area})", formats.totals[column.kind], value
        )
