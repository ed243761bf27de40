"""The command line (``visitplanner``): parse, call one service, print. No Qt here.

:mod:`.main` builds the parser and dispatches; each other module adds the parsers of
its commands (``add_parsers``) and runs them (``cmd_*``): :mod:`.records`,
:mod:`.listing`, :mod:`.events`, :mod:`.people`, :mod:`.people_privacy`,
:mod:`.people_consents`, :mod:`.calendars`, :mod:`.notify`, :mod:`.pdf`, :mod:`.report`,
:mod:`.story` (the ``log`` command), :mod:`.debriefs`, :mod:`.config`, :mod:`.backup`,
:mod:`.catalogue_copy` (``copy``, SQLite file <-> server); :mod:`.output` prints tables and JSON,
:mod:`.catalogue_access` opens the catalogue and finds the records arguments name,
:mod:`.arguments` holds the arguments several commands share, and :mod:`.parser` makes
argparse speak the user's language.
"""
