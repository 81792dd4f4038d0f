"""Industry statistics (行业统计): indicators, reporting plans and periods, members'
reports (本期 and 本年累计), and their totals with 同口径 growth — in SQL."""
