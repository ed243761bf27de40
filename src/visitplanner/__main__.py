"""Allows ``python -m visitplanner``."""

from visitplanner.cli.main import main

raise SystemExit(main())
