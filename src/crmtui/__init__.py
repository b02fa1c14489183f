"""crmtui: an offline CRM for the individual salesperson, in the terminal."""

__version__ = "0.1.0"
