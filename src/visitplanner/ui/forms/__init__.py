"""Editors of catalogue records."""
