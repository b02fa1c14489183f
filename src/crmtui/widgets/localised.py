"""Key bindings in the user's language.

Textual keeps a class's ``BINDINGS`` as they were written, at import time, before the language is
chosen; their descriptions are msgids (``N_("Today")``). Screens mix in :class:`LocalisedBindings`
so that everything reading ``screen.active_bindings`` (the footer, the keys panel, the command
palette) gets the descriptions translated at the moment they are shown, also after the language
is switched while the app runs.
"""

from __future__ import annotations

from dataclasses import replace

from textual.binding import ActiveBinding

from crmtui.i18n import ENGLISH, language, translate


def localised(active: ActiveBinding) -> ActiveBinding:
    """``active`` with its description and tooltip in the current language."""
    binding = active.binding
    shown = replace(
        binding,
        description=translate(binding.description) if binding.description else "",
        tooltip=translate(binding.tooltip) if binding.tooltip else "",
    )
    tooltip = translate(active.tooltip) if active.tooltip else active.tooltip
    return active._replace(binding=shown, tooltip=tooltip)


class LocalisedBindings:
    """Mix into a Screen (before ``Screen``): its active bindings, translated."""

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        found: dict[str, ActiveBinding] = super().active_bindings  # type: ignore[misc]
        if language() == ENGLISH:
            return found
        return {key: localised(active) for key, active in found.items()}
