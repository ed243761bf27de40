"""The shared story (« récit commun »): entries, their revisions, the shared folder.

- :mod:`.entries`: ``list_story``, ``get_entry``, ``add_entry``, ``edit_entry``,
  ``delete_entry``, ``restore_revision``, ``entry_history``;
- :mod:`.revisions`: every change is a revision, ours or read from the folder
  (``store_revision``, ``ensure_revisions``);
- :mod:`.folder_sync`: sharing through a folder (``sync_folder``, ``set_shared_folder``);
- :mod:`.folder_setting`: which folder, read without the sync (``shared_folder``,
  ``folder_reachable``);
- :mod:`.redaction`: a person's name taken out of every entry and its history
  (``redact_mentions``, ``redact_mentions_in``, ``redact_text``);
- :mod:`.redaction_sync`: redactions read from, applied and written to the folder;
- :mod:`.debrief_entries`: the entry a finalised debrief writes (``write_debrief_entry``);
- :mod:`.export`: the story as PDF, Markdown or HTML (``export_story``).
"""
