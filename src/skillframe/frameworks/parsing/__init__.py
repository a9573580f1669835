"""Pure-Python parsers for framework source texts (no Django imports here)."""
