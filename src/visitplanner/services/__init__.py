"""Use cases shared by the window and the command line. No Qt here.

Each write opens one session, commits or rolls back as a whole, and returns a
:class:`~visitplanner.services.changes.Changes`; reads return frozen
dataclasses, never live ORM objects.

One package per feature, each naming its public functions in its docstring:
:mod:`.directory` (dynamics, hosts, people, CSV), :mod:`.events` (events and their
lists), :mod:`.calendars` (feeds and calendar imports), :mod:`.invitations` (iTIP,
outbox, replies), :mod:`.documents` (debriefs, photos, PDFs), :mod:`.story` (the shared
story), :mod:`.recovery` (backups, undo, trash), :mod:`.privacy` (the people's rights),
:mod:`.reports` (the activity report), :mod:`.team` (a catalogue on a server) and
:mod:`.demo`. Shared by all of them: :mod:`.changes` (what a write changed), :mod:`.query`
and :mod:`.search_keys`, :mod:`.references` (what a user types to name a record),
:mod:`.record_history` (who changed a record, when), :mod:`.preferences`,
:mod:`.dashboard` and :mod:`.search`.
"""
