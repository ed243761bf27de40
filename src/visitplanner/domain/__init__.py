"""Plain-Python rules of the product: enumerations, validation, errors. No Qt, no SQL."""
