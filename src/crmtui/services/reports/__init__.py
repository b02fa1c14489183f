"""Reports that decide where the week goes: pareto, funnel, lost, customers, activity.

Each report module builds a :class:`~crmtui.services.reports.types.Report` (titled tables with
an optional bar chart each) from the lean reader; ``render.py`` writes any report as Markdown,
one self-contained printable HTML file with inline SVG charts, CSV or JSON.
"""
