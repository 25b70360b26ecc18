"""The map-layer catalogue: every layer declared once, read by the maps and the API."""
