"""Planning: the planner's feed from the database, the day plan, weekly busy slots; the pure
planner inside (``planning.planner``)."""
