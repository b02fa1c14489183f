"""Exporting: contacts and calendars for other programs, and the full JSON export."""
