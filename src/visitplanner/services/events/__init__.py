"""Events, their programme and their lists of participants.

- :mod:`.planning`: ``create_event``, ``save_event``, ``update_event``, ``trash_event``,
  ``duplicate_event``, ``get_event``, ``list_events``, ``add_participant``;
- :mod:`.form`: the event editor's rules, one set for creating and saving
  (``check_form``, ``apply_form``);
- :mod:`.views`: what the planning use cases read and take (``event_view``,
  ``participant_view``, ``last_day``);
- :mod:`.participants`: answers, the waiting list and promotions (``add_participants``,
  ``set_participant``, ``change_participant``, ``remove_participant``, ``counters``);
- :mod:`.attendance`: half-days and the signed sheet (``half_days``, ``record_attendance``);
- :mod:`.checks`: warnings that do not stop a save (``check_event``,
  ``participant_conflicts``);
- :mod:`.lookup`: ``find_event``, the event a reference names (optionally locked).
"""
