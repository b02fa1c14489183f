"""Customers: writes, reads (lists, name resolution) and the card."""
