"""Printed documents (PDF) built with reportlab from plain values; no Qt, no database."""
