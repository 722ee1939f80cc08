"""The capture workbook.

Its layout declared once, the writer, the reader (import), the live Scorecard sheet and the fill
helper.
"""
