"""ABC grading by the 80/20 rule: sales over a window, ranked, cut by cumulative share."""
