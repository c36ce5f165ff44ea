"""The KPI workbook: "Resumo" (KPIs vs targets, charts), raw sheets, "Definições"."""

from reports.xlsx.workbook import build_workbook, estimate_rows

__all__ = ["build_workbook", "estimate_rows"]
