"""Maintenance: backups, restores, the health check and purging for good."""
