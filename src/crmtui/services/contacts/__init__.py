"""Contacts: the people at a customer."""
