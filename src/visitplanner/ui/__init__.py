"""The window. The only package (with app.py) allowed to import PySide6."""
