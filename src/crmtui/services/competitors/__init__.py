"""Competitors (竞争对手): who they are, the deals they compete for, the deals we lost to them."""
