"""Personal data (RGPD): what the association must be able to do for the people it holds.

A French association answers to the CNIL for the names, contacts, quotes and photos in
its catalogue. Public functions:

- :func:`visitplanner.services.privacy.access.access_data` — everything kept about one
  person, as plain JSON-ready values (right of access, art. 15).
- :func:`visitplanner.services.privacy.access.write_access_report` — that copy written to
  a ``.json`` file or a ``.pdf`` that adds the purposes, recipients and retention periods.
- :func:`visitplanner.services.privacy.notice.processing_notice` — the purposes,
  recipients, retention periods and rights, in the document's language.
- :func:`visitplanner.services.privacy.retention.due_for_review`,
  :func:`~visitplanner.services.privacy.retention.keep_person` — people with no
  participation for N years, and "keep" for one of them;
  :func:`~visitplanner.services.privacy.retention.message_bodies_due` and
  :func:`~visitplanner.services.privacy.retention.purge_message_bodies` — the text of
  messages sent more than N days ago.
- :func:`visitplanner.services.privacy.erasure.erasure_summary`,
  :func:`~visitplanner.services.privacy.erasure.erase_person`,
  :func:`~visitplanner.services.privacy.erasure.backups_holding` and
  :func:`~visitplanner.services.privacy.erasure.purge_backups` — the right to erasure in
  this catalogue (the shared story's redaction is a later step).
- :func:`visitplanner.services.privacy.consents.give_consent`,
  :func:`~visitplanner.services.privacy.consents.withdraw_consent`,
  :func:`~visitplanner.services.privacy.consents.list_consents` and
  :func:`~visitplanner.services.privacy.consents.consents_on` — dated consent records with
  their scope; documents ask
  :func:`visitplanner.services.privacy.consent_rules.allowed_people` when they are made.
- :func:`visitplanner.services.privacy.naming.mentions` — where free text (captions,
  story entries, debriefs) names a person.
- :func:`visitplanner.services.privacy.register.build_register` and
  :func:`~visitplanner.services.privacy.register.write_register` — the register of
  processing activities (art. 30), pre-filled, as a PDF.

See ``docs/privacy.md`` for the choices made.
"""
