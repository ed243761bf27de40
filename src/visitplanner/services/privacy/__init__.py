"""Personal data (RGPD): what the association must be able to do for the people it holds.

A French association answers to the CNIL for the names, contacts, quotes and photos in
its catalogue. Public functions:

- :func:`visitplanner.services.privacy.access.access_data` — everything kept about one
  person, as plain JSON-ready values (right of access, art. 15).
- :func:`visitplanner.services.privacy.access.write_access_report` — that copy written to
  a ``.json`` file or a ``.pdf`` that adds the purposes, recipients and retention periods.
- :func:`visitplanner.services.privacy.notice.processing_notice` — the purposes,
  recipients, retention periods and rights, in the document's language.

See ``docs/privacy.md`` for the choices made.
"""
