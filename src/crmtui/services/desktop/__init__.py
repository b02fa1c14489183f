"""The today desktop: the queries behind ``crm today`` and the TUI's first screen."""
