"""Excel workbooks: layouts declared once, written with XlsxWriter, read with openpyxl."""
