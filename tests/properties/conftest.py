"""Hypothesis profiles and fresh catalogues: see tests/hypothesis_setup.py."""

from hypothesis_setup import fresh_catalogue, template_catalogue

__all__ = ["fresh_catalogue", "template_catalogue"]
