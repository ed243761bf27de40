"""The directory: dynamics, host organisations and people (the records the catalogue keeps
about who, as opposed to events and the story).

- :mod:`.records`: create, update, read and trash dynamics and hosts
  (``create_dynamic``, ``update_host``, ``list_dynamics``, ``move_to_trash``, ...);
- :mod:`.people`: a person's record and rules (``create_person``, ``update_person``,
  ``get_person``, ``find_person``, ``list_people``);
- :mod:`.imports` and :mod:`.import_rows`: people from a CSV table (``preview_people``,
  ``import_people``), all or nothing;
- :mod:`.exports`: people and participant lists as CSV (``export_people``,
  ``export_participants``);
- :mod:`.suggestions`: hosts to visit for a question (``suggest_hosts``);
- :mod:`.table_rows`: the window's big lists, ids then visible rows (``people_ids``,
  ``people_rows``, ``event_ids``, ...).
"""
