"""The domain: queries and rules as plain functions. Nothing here imports Textual or Typer."""
