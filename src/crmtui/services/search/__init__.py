"""Search over customers and contacts: the search text and its index."""
