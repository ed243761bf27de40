"""Activity reports: the figures funders ask for, the charts that show them, their exports."""

from visitplanner.services.reports.period import Period, parse_day
from visitplanner.services.reports.report import ActivityReport, activity_report, family

__all__ = ["ActivityReport", "Period", "activity_report", "family", "parse_day"]
