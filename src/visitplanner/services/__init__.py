"""Use cases shared by the window and the command line. No Qt here.

Each write opens one session, commits or rolls back as a whole, and returns a
:class:`~visitplanner.services.changes.Changes`; reads return frozen
dataclasses, never live ORM objects.
"""
