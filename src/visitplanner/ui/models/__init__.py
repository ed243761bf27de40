"""Qt item models over the services\x27 read models."""
