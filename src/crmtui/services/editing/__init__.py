"""Editing what is on a card after the fact: records changed or deleted, duplicates found and
merged, and the undo the full-screen app offers for these."""
