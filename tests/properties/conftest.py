"""Hypothesis profiles and fresh catalogues: see tests/hypothesis_setup.py."""

from hypothesis_setup import (
    fresh_catalogue,
    fresh_postgres_catalogue,
    postgres_template,
    template_catalogue,
)

__all__ = ["fresh_catalogue", "fresh_postgres_catalogue", "postgres_template", "template_catalogue"]
