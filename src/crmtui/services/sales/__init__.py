"""Sales: opportunities through their stages, won and lost."""
