"""Notes: free text on a customer, or pinned on the desktop."""
