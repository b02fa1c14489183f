"""Helpers shared by every business area: input checks, time parsing, birthdays, private files."""
