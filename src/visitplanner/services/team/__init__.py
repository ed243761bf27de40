"""Team mode: several coordinators on one catalogue kept on a PostgreSQL server.

Public functions:

- :class:`visitplanner.services.team.connection.ServerFields` — host, port, database,
  user and TLS choices, turned into a catalogue URL (``url``, ``db_value``) and back
  (``from_url``), and into the settings' recent catalogues (``to_dict``, ``from_dict``).
- :func:`visitplanner.services.team.connection.check_connection` — one connection, nothing
  written, answered as a :class:`~visitplanner.services.team.connection.ConnectionReport`
  in plain words (refused, unknown host, password, certificates, missing database…).
- :func:`~visitplanner.services.team.connection.remember_password`,
  :func:`~visitplanner.services.team.connection.forget_password`,
  :func:`~visitplanner.services.team.connection.saved_password` — the password in the
  system keyring, never in the settings.
- :func:`visitplanner.services.team.network_folders.risky_place` — whether a SQLite
  catalogue sits in a synced or network folder, where SQLite files get corrupted, and
  :func:`~visitplanner.services.team.network_folders.warning` to say so.
- :func:`visitplanner.services.team.edit_conflicts.check_version` and
  :func:`~visitplanner.services.team.edit_conflicts.refused_when_stale` — a form's save
  naming an old version is refused with ``EditConflict`` (the other save's values, who
  and when), never saved over someone else's.

See ``docs/team.md``.
"""
