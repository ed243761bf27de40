"""Calendar files that are not invitations: a feed to publish, a partner's file to import.

- :mod:`.files`: the published feed (``export_feed``, ``write_feed``);
- :mod:`.naming`: the calendar's name, the catalogue's (``feed_name``);
- :mod:`.importing`: a partner's ``.ics`` as events (``preview_calendar``,
  ``import_calendar``);
- :mod:`.report`: the import's report in sentences (``report_lines``, ``preview_lines``);
- :mod:`.undo`: a whole import undone and redone as one step of the history.
"""
