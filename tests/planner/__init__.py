"""Tests of the follow-up call planner (services/planner)."""
