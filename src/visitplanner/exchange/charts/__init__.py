"""Charts as plain data and plain shapes, for the PDF and the window alike (no Qt, no reportlab)."""
