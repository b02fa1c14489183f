"""Demo data: a deterministic, realistic sample database."""
