"""Debriefs, their photos, and the printed documents of an event.

- :mod:`.debriefs`: a visit's debrief and its follow-up actions (``open_debrief``,
  ``get_debrief``, ``save_text``, ``save_quotes``, ``save_actions``, ``set_status``,
  ``list_actions``);
- :mod:`.photos`: originals kept untouched, display copies derived (``add_photo``,
  ``remove_photo``, ``reorder_photos``, ``display_file``);
- :mod:`.printing`: PDFs (``attendance_pdf``, ``debrief_pdf``, ``booklet_pdf``).
"""
