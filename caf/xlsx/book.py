"""caf's XlsxWriter workbook: one set of formats, and cell writes that are always safe.

Every string goes through :meth:`Book.text`, which stores it as text (never a formula), adds the
quote prefix where editing could turn it into one, escapes what XML cannot carry and checks
Excel's cell limit. XlsxWriter's own conversions of strings to formulas, numbers and links are
switched off as well, so a slip elsewhere cannot reintroduce them.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import xlsxwriter

from caf import __version__
from caf.xlsx.text import check_length, check_storable, looks_like_formula

if TYPE_CHECKING:
    from pathlib import Path

    from xlsxwriter.format import Format
    from xlsxwriter.worksheet import Worksheet

DATE_FORMAT = "yyyy-mm-dd"
"""How dates are shown: ISO, unambiguous in every locale."""

_STYLES: dict[str, dict[str, Any]] = {
    "title": {"bold": True, "font_size": 15},
    "subtitle": {"italic": True, "font_color": "#555555"},
    "label": {"bold": True, "valign": "top"},
    "header": {
        "bold": True,
        "bg_color": "#1F4E79",
        "font_color": "#FFFFFF",
        "text_wrap": True,
        "valign": "top",
        "border": 1,
    },
    "fact": {"valign": "top", "text_wrap": True, "border": 1, "border_color": "#D9D9D9"},
    "input": {
        "valign": "top",
        "text_wrap": True,
        "locked": False,
        "bg_color": "#FFF8DC",
        "border": 1,
        "border_color": "#BFBFBF",
    },
    "input_date": {
        "valign": "top",
        "locked": False,
        "bg_color": "#FFF8DC",
        "num_format": DATE_FORMAT,
        "border": 1,
        "border_color": "#BFBFBF",
    },
    "input_number": {
        "valign": "top",
        "locked": False,
        "bg_color": "#FFF8DC",
        "align": "center",
        "border": 1,
        "border_color": "#BFBFBF",
    },
    "formula": {
        "valign": "top",
        "text_wrap": True,
        "bg_color": "#F2F2F2",
        "border": 1,
        "border_color": "#D9D9D9",
    },
    "number": {"valign": "top", "align": "center", "border": 1, "border_color": "#D9D9D9"},
    "score": {"num_format": "0.0", "align": "center", "border": 1, "border_color": "#D9D9D9"},
    "score_bold": {
        "num_format": "0.0",
        "align": "center",
        "bold": True,
        "border": 1,
        "border_color": "#D9D9D9",
    },
    "percent": {"num_format": "0%", "align": "center", "border": 1, "border_color": "#D9D9D9"},
    "count": {"num_format": "0", "align": "center", "border": 1, "border_color": "#D9D9D9"},
    "row_bold": {"bold": True, "bg_color": "#DDEBF7", "border": 1, "border_color": "#D9D9D9"},
    "plain": {"valign": "top", "text_wrap": True},
    "date": {"num_format": DATE_FORMAT, "align": "left"},
    "risk_high": {"bg_color": "#F8CBAD", "font_color": "#9C0006"},
    "risk_medium": {"bg_color": "#FFE699", "font_color": "#7F6000"},
    "risk_none": {"bg_color": "#C6EFCE", "font_color": "#006100"},
    "risk_unassessed": {"font_color": "#7F7F7F"},
}


class Book:
    """A workbook being written, with caf's formats."""

    def __init__(self, path: Path, title: str) -> None:
        """Start a workbook at ``path`` (a temporary file; the caller renames it)."""
        self.workbook = xlsxwriter.Workbook(
            str(path),
            {
                "strings_to_formulas": False,
                "strings_to_numbers": False,
                "strings_to_urls": False,
            },
        )
        self.workbook.set_properties(
            {"title": title[:255], "comments": f"Written by caf {__version__}"}
        )
        self._formats: dict[tuple[str, bool], Format] = {}

    def format(self, name: str, *, quoted: bool = False) -> Format:
        """The named format; ``quoted`` adds Excel's quote prefix (text stays text when edited)."""
        key = (name, quoted)
        if key not in self._formats:
            properties = dict(_STYLES[name])
            if quoted:
                properties["quote_prefix"] = True
            self._formats[key] = self.workbook.add_format(properties)
        return self._formats[key]

    def text(
        self, sheet: Worksheet, row: int, col: int, value: str | None, style: str, where: str
    ) -> None:
        """Write text as text; an empty value leaves a formatted blank cell."""
        if value is None or value == "":
            sheet.write_blank(row, col, None, self.format(style))
            return
        check_length(value, where)
        check_storable(value, where)
        # XlsxWriter escapes what XML cannot carry; the text goes in exactly as it is.
        sheet.write_string(row, col, value, self.format(style, quoted=looks_like_formula(value)))

    def date(self, sheet: Worksheet, row: int, col: int, value: dt.date | None, style: str) -> None:
        """Write a date (or a formatted blank)."""
        if value is None:
            sheet.write_blank(row, col, None, self.format(style))
        else:
            sheet.write_datetime(
                row, col, dt.datetime.combine(value, dt.time()), self.format(style)
            )

    def close(self) -> None:
        """Finish the file."""
        self.workbook.close()
