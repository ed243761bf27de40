"""Activity reports: the figures funders ask for, the charts that show them, their exports.

- :mod:`.period`: the report's days (``Period``, ``Quarter``, ``parse_day``);
- :mod:`.report`: the figures (``activity_report``, ``ActivityReport``), with
  :mod:`.families` (``family``), :mod:`.links` (``links_and_crossings``) and
  :mod:`.territories` (``participants_by_territory``);
- :mod:`.records`: the records behind a figure (``records``);
- :mod:`.charts`: the four charts (``all_charts``);
- :mod:`.export`: PDF, JSON and CSV (``write_report``).
"""

from visitplanner.services.reports.period import Period, parse_day
from visitplanner.services.reports.report import ActivityReport, activity_report, family

__all__ = ["ActivityReport", "Period", "activity_report", "family", "parse_day"]
