"""Adding and editing a customer (and its profile: MAN, personality, needs, preferences)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult

from crmtui import words
from crmtui.i18n import N_, _
from crmtui.messages import CustomerSaved
from crmtui.widgets.choices import GRADES, MAN_VALUES, STAGES
from crmtui.widgets.data_access import crm
from crmtui.widgets.form import (
    FormScreen,
    Saved,
    area_field,
    check_field,
    choice_field,
    split_list,
    text_field,
)
from crmtui.widgets.text import plain

if TYPE_CHECKING:
    from sqlmodel import Session

TEXT_FIELDS = (
    "company_name",
    "email",
    "city",
    "country",
    "timezone",
    "industry",
    "source",
    "personality",
    "needs",
    "preferences",
    "notes",
)
CHOICE_FIELDS = ("stage", "grade", "man_money", "man_authority", "man_need")


def birthday_text(card: dict[str, Any]) -> str:
    """A stored birthday as the form shows it: ``1988-03-14``, ``03-14`` or ``农历 08-15``."""
    month, day = card.get("birthday_month"), card.get("birthday_day")
    if not month or not day:
        return ""
    year = card.get("birthday_year")
    text = f"{year}-{month:02d}-{day:02d}" if year else f"{month:02d}-{day:02d}"
    return f"农历 {text}" if card.get("birthday_lunar") else text


def check_contact_like(name: str, value: Any, region: str | None) -> str | None:
    """Checks shared by the customer and contact forms; returns a hint or raises CrmError."""
    from crmtui.services.common import checks
    from crmtui.services.common.timeparse import parse_birthday

    text = value if isinstance(value, str) else ""
    if name == "name":
        checks.name(text)
    elif name == "phones":
        numbers = [checks.phone(p, region) for p in split_list(text)]
        shown = ", ".join(numbers)
        return f"→ {shown}" if numbers and shown != text.strip() else None
    elif name == "email":
        checks.typed_email(text)
    elif name == "birthday" and text.strip():
        born = parse_birthday(text)
        year = f", born {born.year}" if born.year else ""
        return f"→ {born.month:02d}-{born.day:02d}{' lunar' if born.lunar else ''}{year}"
    return None


class CustomerForm(FormScreen):
    """``CustomerForm()`` adds; ``CustomerForm(card)`` edits the customer of that card."""

    def __init__(self, card: dict[str, Any] | None = None, *, region: str | None = None) -> None:
        super().__init__()
        self.card = card or {}
        self.home_region = region

    def heading(self) -> Text:
        if not self.card:
            return Text(_("Add a customer"), style="bold")
        return Text.assemble((_("Edit "), "bold"), plain(self.card["name"], style="bold"))

    def fields(self) -> ComposeResult:
        c = self.card
        yield from text_field(
            "name", N_("Name *"), c.get("name") or "", placeholder=N_("company or person")
        )
        yield from check_field(
            "is_person", N_("a person (not a company)"), bool(c.get("is_person"))
        )
        yield from text_field("company_name", N_("Company"), c.get("company_name") or "")
        yield from text_field(
            "phones",
            N_("Phones"),
            ", ".join(c.get("phones") or []),
            placeholder=N_("+86 138 0013 8000, ..."),
        )
        yield from text_field("email", N_("Email"), c.get("email") or "")
        yield from text_field("city", N_("City"), c.get("city") or "")
        yield from text_field(
            "country", N_("Country"), c.get("country") or "", placeholder=N_("CN, US, ...")
        )
        yield from text_field(
            "timezone", N_("Time zone"), c.get("timezone") or "", placeholder=N_("Asia/Shanghai")
        )
        yield from choice_field(
            "stage",
            N_("Stage"),
            [(words.label("stage", s), s) for s in STAGES],
            c.get("stage") or "potential",
        )
        yield from choice_field(
            "grade", N_("Grade"), [(g, g) for g in GRADES], c.get("grade"), blank=True
        )
        yield from text_field(
            "tags", N_("Tags"), ", ".join(c.get("tags") or []), placeholder=N_("vip, expo")
        )
        yield from text_field(
            "birthday", N_("Birthday"), birthday_text(c), placeholder=N_("MM-DD, YYYY-MM-DD")
        )
        if not self.card:
            # Adding is about speed: the profile (MAN, personality, ...) is filled in by Edit.
            yield from text_field(
                "notes", N_("Notes"), placeholder=N_("anything worth remembering")
            )
            return
        man = [(words.label("man", v), v) for v in MAN_VALUES]
        yield from choice_field("man_money", N_("MAN: money"), man, c.get("man_money") or "unknown")
        yield from choice_field(
            "man_authority", N_("authority"), man, c.get("man_authority") or "unknown"
        )
        yield from choice_field("man_need", N_("need"), man, c.get("man_need") or "unknown")
        yield from text_field("industry", N_("Industry"), c.get("industry") or "")
        yield from text_field("source", N_("Source"), c.get("source") or "")
        yield from area_field("personality", N_("Personality"), c.get("personality") or "")
        yield from area_field("needs", N_("Needs"), c.get("needs") or "")
        yield from area_field("preferences", N_("Preferences"), c.get("preferences") or "")
        yield from area_field("notes", N_("Notes"), c.get("notes") or "")

    def on_mount(self) -> None:
        self.query_one("#f-name").focus()

    def check(self, name: str, value: Any) -> str | None:
        from crmtui.services.common import checks

        region = (self.value("country") or "").strip() or self.home_region
        if name == "country":
            checks.country(value)
        elif name == "timezone":
            checks.timezone(value)
        elif name == "tags":
            for tag in split_list(value):
                checks.text(tag.lstrip("#"), "tag", limit=100)
        elif name == "company_name":
            checks.text(value, "company", limit=200)
        elif name == "birthday" and self.card and birthday_text(self.card) and not value.strip():
            return "a birthday cannot be removed here; it stays as it was"
        elif name in ("personality", "needs", "preferences", "notes", "city", "industry"):
            checks.text(value, name)
        else:
            return check_contact_like(name, value, region)
        return None

    def save(self, session: Session, values: dict[str, Any]) -> Saved:
        from crmtui.services.common.timeparse import parse_birthday
        from crmtui.services.customers.write import create_customer, update_customer

        app = crm(self.app)
        born = parse_birthday(values["birthday"]) if values["birthday"].strip() else None
        phones, tags = split_list(values["phones"]), split_list(values["tags"])
        region = app.config.country
        if not self.card:
            fields = {k: (values[k].strip() or None) for k in TEXT_FIELDS if k in values}
            fields |= {k: values[k] for k in CHOICE_FIELDS if k in values}
            customer = create_customer(
                session,
                now=app.now(),
                name=values["name"],
                is_person=values["is_person"],
                phones=phones,
                tags=tags,
                birthday=born,
                region=region,
                **fields,
            )
        else:
            changes = self.changes(values)
            if phones != list(self.card.get("phones") or []):
                changes["phones"] = phones
            new_tags = tags if tags != list(self.card.get("tags") or []) else None
            if born is not None and values["birthday"].strip() == birthday_text(self.card):
                born = None
            customer = update_customer(
                session,
                customer_id=self.card["id"],
                now=app.now(),
                changes=changes,
                tags=new_tags,
                birthday=born,
                region=region,
            )
        assert customer.id is not None
        return Saved("customer", customer.id, customer.id, customer.name)

    def changes(self, values: dict[str, Any]) -> dict[str, Any]:
        """Only what differs from the card."""
        out: dict[str, Any] = {}
        for key in ("name", *TEXT_FIELDS):
            new, old = values[key].strip(), (self.card.get(key) or "")
            if new != str(old).strip():
                out[key] = new
        for key in CHOICE_FIELDS:
            if values[key] != self.card.get(key):
                out[key] = values[key]
        if values["is_person"] != bool(self.card.get("is_person")):
            out["is_person"] = values["is_person"]
        return out

    def saved_message(self, saved: Saved) -> CustomerSaved:
        return CustomerSaved(saved.id)

    def done_text(self, saved: Saved) -> str:
        return f"{'Saved' if self.card else 'Added'} {saved.label}"
