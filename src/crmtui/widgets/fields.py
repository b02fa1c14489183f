"""Form fields that keep typed and pasted text in the field it was meant for.

Textual hands each key to the widget that has focus *when the key arrives*. Keys that come in one
burst (fast typing, an input method committing several characters, a terminal pasting without
bracketed paste) are all queued on the first field before its Tab moves focus on, so
``赵六⇥经理`` would land in one field. A field that receives a key after losing focus passes it on
to the widget that has focus now, in order, exactly as if it had arrived a moment later.

A pasted text with tabs (a spreadsheet row, say) is spread the same way: each tab moves to the
next text field, as a typed Tab would.
"""

from __future__ import annotations

from textual import events
from textual.widget import Widget
from textual.widgets import Checkbox, Input, TextArea

FOCUS_KEYS = ("tab", "shift+tab")


def _pass_on(widget: Widget, event: events.Key) -> None:
    """Hand ``event`` to the focused widget if that is no longer ``widget``; move focus at once
    on Tab, so the keys queued behind it already find the next field focused.

    Textual runs the ``_on_key`` of every class in the MRO; ``prevent_default`` keeps the base
    classes' handlers from also taking a key that was dealt with here."""
    try:
        screen = widget.screen
    except Exception:  # not on a screen any more: nothing to hand on to
        return
    focused = screen.focused
    if focused is not None and focused is not widget:
        # A fresh event: the one we got is marked as forwarded and would be ignored.
        focused._forward_event(events.Key(event.key, event.character))
    elif event.key in FOCUS_KEYS:
        # Left to the screen's binding, Tab would act only after it bubbled up through the
        # message queues, when the keys typed after it were already in this field.
        screen.focus_next() if event.key == "tab" else screen.focus_previous()
    else:
        return
    event.prevent_default()
    event.stop()


class FieldInput(Input):
    """A one-line form field (see the module docstring)."""

    async def _on_key(self, event: events.Key) -> None:
        _pass_on(self, event)  # if it stays, the base classes' handlers take it next

    def _on_paste(self, event: events.Paste) -> None:
        first, *rest = event.text.splitlines()[0].split("\t") if event.text else [""]
        if not rest:
            return  # the plain paste of Input itself (its handler runs after this one)
        event.prevent_default()
        event.stop()
        self.insert_text_at_cursor(first)
        field: Input = self
        for piece in rest:
            following = _next_text_field(field)
            if following is None:  # past the last field: keep the rest rather than lose it
                field.insert_text_at_cursor(f" {piece}")
            else:
                field = following
                field.insert_text_at_cursor(piece)
        self.screen.set_focus(field)


def _next_text_field(field: Input) -> Input | None:
    """The one-line field after ``field`` in focus order, if any."""
    chain = field.screen.focus_chain
    if field not in chain:
        return None
    return next((w for w in chain[chain.index(field) + 1 :] if isinstance(w, Input)), None)


class FieldArea(TextArea):
    """A multi-line form field; keys that arrive after it lost focus go on (see above)."""

    async def _on_key(self, event: events.Key) -> None:
        _pass_on(self, event)  # if it stays, the base classes' handlers take it next


class FieldCheckbox(Checkbox):
    """A checkbox form field; keys that arrive after it lost focus go on (see above)."""

    async def _on_key(self, event: events.Key) -> None:
        _pass_on(self, event)  # if it stays, the base classes' handlers take it next
