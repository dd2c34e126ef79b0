"""Reports: the Excel task table (任务分解表) in and out; later the progress ledger and the briefing.

A plain package (no models): `from duban.reports.tasktable import read_task_table, export_plan`.
"""
