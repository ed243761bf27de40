"""Calendar invitations: composed from the event, queued in the outbox, sent, answered.

- :mod:`.compose`: ``prepare``, ``compose``, ``queue_invitations``, ``invite``,
  ``event_when``;
- :mod:`.issuing`: who issues an event's invitations (``event_organiser``,
  ``record_issued``);
- :mod:`.notices`: notices about a person's place (``queue_notices``,
  ``notify_list_changes``, ``write_notices``);
- :mod:`.outbox`, :mod:`.outbox_items`, :mod:`.outbox_eml`: the queue and how it leaves
  (``list_outbox``, ``send_pending``, ``discard``, ``export_eml``);
- :mod:`.smtp_client` and :mod:`.smtp_password`: the mail server and its password in the
  keyring (``check_smtp``, ``get_smtp_password``);
- :mod:`.replies`: iTIP replies read back into the list (``import_replies``, ``apply_reply``).
"""
