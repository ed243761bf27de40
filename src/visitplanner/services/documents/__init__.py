"""Debriefs, their photos, and the printed documents of an event.

- :mod:`.debriefs`: a visit's debrief and its follow-up actions (``open_debrief``,
  ``get_debrief``, ``save_text``, ``save_quotes``, ``save_actions``, ``set_status``,
  ``list_actions``);
- :mod:`.photos`: a debrief's photos (``add_photo``, ``remove_photo``,
  ``reorder_photos``);
- :mod:`.image_files`: originals kept untouched, display copies derived
  (``check_image``, ``store_original``, ``display_file``);
- :mod:`.consent_filter`: the photos a document may show (``printable_photos``);
- :mod:`.printing`: PDFs (``attendance_pdf``, ``debrief_pdf``, ``booklet_pdf``), each
  written over its target in one step by :mod:`.writing` (``write_document``).
"""
