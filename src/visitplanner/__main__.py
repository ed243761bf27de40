"""Allows ``python -m visitplanner``."""

from visitplanner.cli import main

raise SystemExit(main())
