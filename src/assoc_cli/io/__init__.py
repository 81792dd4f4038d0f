"""Spreadsheet files in and out: CSV (UTF-8 with BOM, or GBK/GB18030) and XLSX."""
