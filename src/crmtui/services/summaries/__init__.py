"""Weekly and monthly work summaries: periods, figures and their renderings."""
