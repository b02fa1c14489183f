"""The column maps of Thunderbird, Google Contacts and Outlook CSV exports (issue 19)."""

from __future__ import annotations

from crmtui.services.formats import ContactRecord, read_csv
from crmtui.services.formats.exporters import recognise, split_groups, structured_target

# The header rows these programs write (their formats; the rows below them are made up).
OUTLOOK = (
    '"Title","First Name","Middle Name","Last Name","Suffix","Company","Department","Job Title",'
    '"Business Street","Business Street 2","Business Street 3","Business City","Business State",'
    '"Business Postal Code","Business Country/Region","Home Street","Home City",'
    '"Home Postal Code","Home Country/Region","Business Fax","Business Phone","Business Phone 2",'
    '"Home Phone","Mobile Phone","Birthday","Categories","E-mail Address","E-mail Type",'
    '"E-mail Display Name","E-mail 2 Address","E-mail 3 Address","Notes","Web Page"\n'
)
GOOGLE = (
    "Name,Given Name,Family Name,Birthday,Notes,Group Membership,E-mail 1 - Type,"
    "E-mail 1 - Value,E-mail 2 - Type,E-mail 2 - Value,Phone 1 - Type,Phone 1 - Value,"
    "Phone 2 - Type,Phone 2 - Value,Address 1 - Type,Address 1 - Formatted,"
    "Organization 1 - Name,Organization 1 - Title,Organization 1 - Department,"
    "Website 1 - Type,Website 1 - Value\n"
)


def one(data: str) -> ContactRecord:
    preview, rows = read_csv(data.encode("utf-8"))
    [(_, record)] = list(rows)
    assert isinstance(record, ContactRecord)
    return record


def test_outlook_title_is_an_honorific_and_every_column_lands() -> None:
    record = one(
        OUTLOOK
        + '"Dr.","Ann","B.","Lee","","Acme","Sales","Head of Sales","1 Main St","Floor 2","",'
        '"Springfield","IL","62701","United States of America","9 Elm Rd","Shelbyville","62565",'
        '"USA","+1 217 555 0199","+1 217 555 0100","","+1 217 555 0111","+1 217 555 0123",'
        '"0/0/00","VIP;Fair 2026","ann@acme.example","SMTP","Ann Lee (ann@acme.example)",'
        '"ann.lee@home.example","","Met at the fair","www.acme.example"\n'
    )
    assert (record.name, record.company, record.role) == ("Ann B. Lee", "Acme", "Head of Sales")
    assert record.extra["honorific"] == "Dr." and record.extra["department"] == "Sales"
    assert record.address == "1 Main St\nFloor 2" and record.city == "Springfield"
    assert record.extra["region"] == "IL" and record.extra["postcode"] == "62701"
    assert record.extra["other address"] == "home: 9 Elm Rd, Shelbyville, 62565, USA"
    assert record.phones == [
        ("fax", "+1 217 555 0199"),
        ("work", "+1 217 555 0100"),
        ("home", "+1 217 555 0111"),
        ("mobile", "+1 217 555 0123"),
    ]
    assert record.birthday is None  # Outlook's 0/0/00 means none
    assert record.emails == ["ann@acme.example", "ann.lee@home.example"]
    assert record.tags == ["VIP", "Fair 2026"] and record.website == "www.acme.example"


def test_google_types_primary_email_groups_and_department() -> None:
    record = one(
        GOOGLE + "Wang Li,Li,Wang,--04-15,,* myContacts ::: Customers ::: Fair,Home,"
        "wl@home.example,* Work,wl@acme.example,Work,010 6552 9988,Mobile,138 0013 8000,"
        'Work,"1 Road\nBeijing",Acme,Buyer,Purchasing,Profile,acme.example\n'
    )
    assert record.emails == ["wl@acme.example", "wl@home.example"]  # "* Work" is primary
    assert record.phones == [("work", "010 6552 9988"), ("mobile", "138 0013 8000")]
    assert record.tags == ["Customers", "Fair"]
    assert record.extra["department"] == "Purchasing" and record.role == "Buyer"
    assert record.address == "1 Road\nBeijing" and record.birthday == "04-15"
    assert record.website == "acme.example"


def test_thunderbird_birthday_in_three_columns() -> None:
    header = "First Name,Last Name,Display Name,Primary Email,Secondary Email,Birth Year,"
    header += "Birth Month,Birth Day,Custom 1\n"
    record = one(header + "Ann,Lee,Ann Lee,a@x.example,b@x.example,,4,15,likes tea\n")
    assert record.birthday == "04-15" and record.emails == ["a@x.example", "b@x.example"]
    assert record.extra == {"custom 1": "likes tea"}
    with_year = one(header + "Ann,Lee,Ann Lee,,,1990,4,15,\n")
    assert with_year.birthday == "1990-04-15"


def test_structured_targets_and_recognition() -> None:
    assert structured_target("Business Country/Region") == "addr:work:country"
    assert structured_target("Address 2 - Postal Code") == "addr:2:postcode"
    assert structured_target("Home Phone") is None and structured_target("City") is None
    assert structured_target("Phone 3 - Label") == "phone:3:type"
    assert recognise(["Name", "Group Membership"]) == "Google Contacts"
    assert recognise(["Title", "Job Title", "E-mail Address"]) == "Outlook"
    assert recognise(["Name", "Phone"]) is None
    assert split_groups("* starred ::: * myContacts") == []
