"""Importing: files and JSON exports into customers and contacts, with the duplicate check."""
