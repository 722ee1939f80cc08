"""The leadership scorecard workbook (``caf scorecard``): values, not formulas."""
