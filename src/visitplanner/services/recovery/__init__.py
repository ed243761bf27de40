"""Getting work back: backups, undo and redo, the trash.

- :mod:`.backups`: consistent copies and restore (``backup``, ``daily_backup``,
  ``list_backups``, ``restore_backup``);
- :mod:`.history`: named reversible steps for undo and redo (``History``);
- :mod:`.trash`: deleted records until emptied (``list_trash``, ``restore``, ``empty_trash``).
"""
