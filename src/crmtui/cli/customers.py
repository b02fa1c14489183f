"""Commands about customers: add, edit, list, show, trash, restore (contacts: cli/contacts.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from crmtui import numbers
from crmtui.cli.context import ByName, ByNameOnly, console, print_json, state
from crmtui.cli.render import safe
from crmtui.errors import InvalidInput
from crmtui.i18n import N_, _

if TYPE_CHECKING:
    from crmtui.services.customers.types import Fields


def _typed_email(text: str | None) -> str | None:
    """An email option checked closely; blank passes through (on edit it clears the email)."""
    if text is None or not text.strip():
        return text
    from crmtui.services.common.checks import typed_email

    return typed_email(text)


def _birthday(ctx: typer.Context, text: str | None, lunar: bool = False):  # type: ignore[no-untyped-def]
    if not text:
        return None
    from crmtui.services.common.timeparse import parse_birthday

    st = state(ctx)
    return parse_birthday(text, lunar=lunar, today=st.local_now().date())


def add_customer(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help=N_("Company or person name."))],
    person: Annotated[bool, typer.Option("--person", help=N_("A person, not a company."))] = False,
    company_name: Annotated[
        str | None, typer.Option(help=N_("Company the person works for."))
    ] = None,
    phone: Annotated[
        list[str] | None, typer.Option("--phone", help=N_("Phone (repeatable)."))
    ] = None,
    email: Annotated[str | None, typer.Option(help=N_("Email address."))] = None,
    city: Annotated[str | None, typer.Option(help=N_("City."))] = None,
    country: Annotated[str | None, typer.Option(help=N_("Two-letter country code."))] = None,
    timezone: Annotated[
        str | None, typer.Option(help=N_("IANA zone, e.g. America/New_York."))
    ] = None,
    stage: Annotated[str, typer.Option(help=N_("potential|prospect|customer|dormant|lost"))] = (
        "potential"
    ),
    grade: Annotated[str | None, typer.Option(help=N_("A, B or C."))] = None,
    tag: Annotated[list[str] | None, typer.Option("--tag", help=N_("Tag (repeatable)."))] = None,
    birthday: Annotated[str | None, typer.Option(help=N_("MM-DD or YYYY-MM-DD."))] = None,
    lunar: Annotated[
        bool, typer.Option("--lunar", help=N_("The birthday is lunar (农历)."))
    ] = False,
    note: Annotated[str | None, typer.Option(help=N_("Profile notes."))] = None,
    source: Annotated[str | None, typer.Option(help=N_("Where the customer came from."))] = None,
    industry: Annotated[str | None, typer.Option(help=N_("Industry."))] = None,
    credit_code: Annotated[
        str | None, typer.Option(help=N_("Unified social credit code (统一社会信用代码)."))
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help=N_("Print the new customer as JSON."))
    ] = False,
) -> None:
    """Add a customer."""
    from crmtui.services.customers.write import create_customer

    email = _typed_email(email)
    st = state(ctx)
    born = _birthday(ctx, birthday, lunar)
    with st.db.session() as session:
        customer = create_customer(
            session,
            now=st.now(),
            name=name,
            is_person=person,
            company_name=company_name,
            phones=phone or [],
            email=email,
            city=city,
            country=country,
            timezone=timezone,
            stage=stage,
            grade=grade,
            tags=tag or [],
            birthday=born,
            notes=note,
            source=source,
            industry=industry,
            credit_code=credit_code,
            region=st.config.country,
        )
        cid, cname = customer.id, customer.name
    if as_json:
        print_json({"id": cid, "name": cname})
    else:
        console.print(safe(_("added customer {id}: {name}").format(id=cid, name=cname)))


def edit_customer(
    ctx: typer.Context,
    customer: Annotated[str, typer.Argument(help=N_("Id or part of the name (pinyin too)."))],
    name: Annotated[str | None, typer.Option(help=N_("New name."))] = None,
    company_name: Annotated[str | None, typer.Option(help=N_("Company."))] = None,
    phone: Annotated[list[str] | None, typer.Option("--phone", help=N_("Replace phones."))] = None,
    email: Annotated[str | None, typer.Option(help=N_("Email."))] = None,
    city: Annotated[str | None, typer.Option(help=N_("City."))] = None,
    country: Annotated[str | None, typer.Option(help=N_("Country code."))] = None,
    timezone: Annotated[str | None, typer.Option(help=N_("IANA zone."))] = None,
    stage: Annotated[str | None, typer.Option(help=N_("Lifecycle stage."))] = None,
    grade: Annotated[str | None, typer.Option(help=N_("A, B or C."))] = None,
    lock: Annotated[
        bool | None,
        typer.Option("--lock/--unlock", help=N_("Keep this grade when 80/20 grades are applied.")),
    ] = None,
    money: Annotated[str | None, typer.Option(help=N_("MAN: money yes|no|unknown."))] = None,
    authority: Annotated[
        str | None, typer.Option(help=N_("MAN: authority yes|no|unknown."))
    ] = None,
    need: Annotated[str | None, typer.Option(help=N_("MAN: need yes|no|unknown."))] = None,
    tag: Annotated[list[str] | None, typer.Option("--tag", help=N_("Replace tags."))] = None,
    birthday: Annotated[str | None, typer.Option(help=N_("MM-DD or YYYY-MM-DD."))] = None,
    note: Annotated[str | None, typer.Option(help=N_("Profile notes."))] = None,
    personality: Annotated[str | None, typer.Option(help=N_("Personality."))] = None,
    needs: Annotated[str | None, typer.Option(help=N_("Needs."))] = None,
    preferences: Annotated[str | None, typer.Option(help=N_("Preferences."))] = None,
    satisfaction: Annotated[
        int | None,
        typer.Option(help=N_("1 (very dissatisfied) to 5."), parser=numbers.SATISFACTION),
    ] = None,
    referred_by: Annotated[
        str | None, typer.Option(help=N_("Who referred them (id or name); '' forgets it."))
    ] = None,
    by_name: ByNameOnly = False,
) -> None:
    """Change a customer's fields (only those given)."""
    from crmtui.services.customers.write import update_customer

    email = _typed_email(email)
    st = state(ctx)
    target = st.customer(customer, by_name=by_name)
    given = {
        "name": name,
        "company_name": company_name,
        "email": email,
        "city": city,
        "country": country,
        "timezone": timezone,
        "stage": stage,
        "grade": grade,
        "man_money": money,
        "man_authority": authority,
        "man_need": need,
        "notes": note,
        "personality": personality,
        "needs": needs,
        "preferences": preferences,
    }
    changes: Fields = {k: v for k, v in given.items() if v is not None}
    if lock is not None:
        changes["grade_locked"] = lock
    if phone:
        changes["phones"] = phone
    if (
        not changes
        and not tag
        and birthday is None
        and referred_by is None
        and satisfaction is None
    ):
        raise InvalidInput("edit-customer-nothing")
    referrer = st.customer(referred_by)["id"] if referred_by else None
    with st.db.session() as session:
        label = target["name"]
        if changes or tag or birthday is not None:
            updated = update_customer(
                session,
                customer_id=target["id"],
                now=st.now(),
                changes=changes,
                tags=tag,
                birthday=_birthday(ctx, birthday),
            )
            label = updated.name
        if referred_by is not None:
            from crmtui.services.aftersale.write import set_referrer

            set_referrer(session, now=st.now(), customer_id=target["id"], referrer_id=referrer)
        follow_up = False
        if satisfaction is not None:
            # through the after-sale service: the rating goes into the satisfaction history
            # and a drop to dissatisfied puts a call on tomorrow's plan, as `crm satisfaction`
            from crmtui.services.aftersale.write import record_satisfaction

            saved = record_satisfaction(
                session,
                now=st.now(),
                customer_id=target["id"],
                level=satisfaction,
                source="profile",
            )
            follow_up = saved["follow_up"]
    console.print(safe(_("updated customer {id}: {name}").format(id=target["id"], name=label)))
    if follow_up:
        console.print(safe(_("a call back is on tomorrow's plan")))


def list_customers(
    ctx: typer.Context,
    search: Annotated[
        str | None, typer.Option("--search", "-s", help=N_("Text, pinyin or phone."))
    ] = None,
    stage: Annotated[str | None, typer.Option(help=N_("Only this stage."))] = None,
    grade: Annotated[str | None, typer.Option(help=N_("Only this grade."))] = None,
    tag: Annotated[str | None, typer.Option(help=N_("Only with this tag."))] = None,
    sort: Annotated[str, typer.Option(help=N_("name|last-contact|grade|updated|created"))] = "name",
    limit: Annotated[
        int | None,
        typer.Option(help=N_("At most this many (table: 50, --json: all)."), parser=numbers.LIMIT),
    ] = None,
    trash: Annotated[bool, typer.Option("--trash", help=N_("List the trash instead."))] = False,
    as_json: Annotated[bool, typer.Option("--json", help=N_("JSON output."))] = False,
    query: Annotated[
        str | None,
        typer.Option("--query", "-q", help=N_("A query, e.g. 'city:上海 grade:A last:>14d'.")),
    ] = None,
) -> None:
    """List and search customers."""
    from crmtui.cli.paging import page_size, print_more
    from crmtui.db.constants import GRADES, STAGES
    from crmtui.services.common import checks
    from crmtui.services.customers.read import list_customers as query_list

    # an unknown filter value is a mistake, not "no customers found"
    stage = checks.choice(stage, STAGES, "stage")
    grade = checks.choice(grade, GRADES, "grade")
    st = state(ctx)
    if query is not None:
        from crmtui.cli.query_lists import run_list_query

        mixed = bool(search or stage or grade or tag or trash or sort != "name")
        run_list_query(st, "customers", query, limit=limit, as_json=as_json, mixed=mixed)
        return
    with st.reader() as reader:
        rows = query_list(
            reader,
            search=search,
            stage=stage,
            grade=grade,
            tag=tag,
            sort=sort,
            limit=page_size(limit, as_json, 50),
            trash=trash,
            count=not as_json,
        )
    from crmtui.cli.customer_rows import print_customers

    print_customers(rows, st.tz, as_json=as_json)
    if not as_json:
        print_more(rows)


def show(
    ctx: typer.Context,
    customer: Annotated[str, typer.Argument(help=N_("Id or part of the name (pinyin too)."))],
    as_json: Annotated[bool, typer.Option("--json", help=N_("JSON output."))] = False,
    by_name: ByName = False,
) -> None:
    """Show a customer card: profile, contacts, activities, opportunities, notes."""
    from crmtui.cli.card_view import print_card
    from crmtui.cli.service_view import alert_text, print_service
    from crmtui.services.aftersale.read import open_alert, service_card
    from crmtui.services.customers.card import customer_card
    from crmtui.services.customers.read import resolve_customer

    st = state(ctx)
    with st.reader() as reader:
        target = resolve_customer(reader, customer, by_name=by_name)
        card = customer_card(reader, target["id"], now=st.now())
        service = service_card(reader, target["id"])
        serious = open_alert(reader, target["id"])
    if as_json:
        from crmtui.money import Money

        # ``credit_limit`` stays in minor units (an interface); the amount beside it is the
        # decimal string all other JSON money is, in the currency credit control counts in
        limit = card["credit_limit"]
        amount = None if limit is None else Money(limit, st.config.currency)
        extra = {"credit_limit_amount": amount}
        print_json({**card, **extra, "service": service, "open_serious_complaints": serious})
    else:
        print_card(card, st.tz, alert=alert_text(serious))
        print_service(service, st.tz)


def trash(
    ctx: typer.Context,
    customer: Annotated[str, typer.Argument(help=N_("Id or part of the name."))],
    by_name: ByName = False,
) -> None:
    """Move a customer to the trash (undelete brings it back)."""
    from crmtui.errors import InvalidInput
    from crmtui.services.customers.write import trash_customer

    st = state(ctx)
    # A trashed id is found (not refused as "in the trash") so the message can say "already".
    target = st.customer(customer, include_deleted=True, by_name=by_name)
    if target["deleted_at"] is not None:
        raise InvalidInput("customer-already-trashed", id=target["id"], name=target["name"])
    with st.db.session() as session:
        trash_customer(session, customer_id=target["id"], now=st.now())
    console.print(
        safe(_("moved to trash: {id} {name}").format(id=target["id"], name=target["name"]))
    )


def undelete(
    ctx: typer.Context,
    customer: Annotated[str, typer.Argument(help=N_("Id or part of the name."))],
    by_name: ByName = False,
) -> None:
    """Bring a customer back from the trash."""
    from crmtui.errors import InvalidInput
    from crmtui.services.customers.write import restore_customer

    st = state(ctx)
    target = st.customer(customer, include_deleted=True, by_name=by_name)
    if target["deleted_at"] is None:
        raise InvalidInput("customer-not-trashed", id=target["id"], name=target["name"])
    with st.db.session() as session:
        restore_customer(session, customer_id=target["id"], now=st.now())
    console.print(safe(_("restored: {id} {name}").format(id=target["id"], name=target["name"])))


def register(app: typer.Typer) -> None:
    app.command("add-customer")(add_customer)
    app.command("edit-customer")(edit_customer)
    app.command("customers")(list_customers)
    app.command("show")(show)
    app.command("delete-customer")(trash)
    app.command("undelete")(undelete)
