"""One page per part of the coordinator\x27s work."""
