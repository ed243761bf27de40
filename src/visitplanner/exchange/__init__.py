"""File formats the catalogue reads and writes (CSV, calendars, documents). No Qt here."""
