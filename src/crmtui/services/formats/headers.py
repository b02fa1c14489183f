"""Which column of a spreadsheet holds which field.

Column titles are recognised in English and Chinese, ignoring case, spaces, punctuation and
full-width forms ("E-mail 2 Address", "手机号码", "Ｅｍａｉｌ"). A user can override any column with
``--map "Column=field"``; a field name the codecs do not know lands in ``ContactRecord.extra``.

A mapping *target* is one of :data:`FIELDS` or ``"extra:<key>"``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence

from crmtui.services.formats.exporters import STRUCTURED, structured_target, words
from crmtui.services.formats.model import FormatError, clean_key

EXTRA_PREFIX = "extra:"

#: Field names a column can be mapped to (besides ``extra:<key>`` and ``-`` to skip it).
FIELDS: tuple[str, ...] = (
    "name",
    "customer",
    "given_name",
    "middle_name",
    "family_name",
    "company",
    "role",
    "mobile",
    "work_phone",
    "home_phone",
    "fax",
    "other_phone",
    "phones",
    "email",
    "birthday",
    "address",
    "city",
    "country",
    "website",
    "notes",
    "tags",
)

#: Fields that collect every column mapped to them; other fields keep the first non-empty one.
MULTI_FIELDS = frozenset(
    {"mobile", "work_phone", "home_phone", "fax", "other_phone", "phones", "email", "tags", "notes"}
)

_SKIP = frozenset({"", "-", "skip", "ignore", "none"})

# "customer" is a name column that may really hold the company: in the common Chinese sheet
# 客户名称 | 联系人 | 电话 the customer is the company and 联系人 the person (see map_columns).
# A generic "phone" column is taken as the work phone (座机, the office landline); columns that
# say only "contact number" (联系电话) may be anything, so they become "other".
_ALIASES: dict[str, tuple[str, ...]] = {
    "name": (
        "name",
        "fullname",
        "contact",
        "contactname",
        "contactperson",
        "displayname",
        "person",
        "姓名",
        "名字",
        "联系人",
        "联系人姓名",
        "全名",
    ),
    "customer": (
        "customer",
        "customername",
        "client",
        "clientname",
        "客户名称",
        "客户",
        "客户姓名",
        "名称",
    ),
    "given_name": ("firstname", "givenname", "first", "名"),
    "middle_name": ("middlename", "additionalname"),
    "family_name": ("lastname", "familyname", "surname", "last", "姓"),
    "company": (
        "company",
        "companyname",
        "organization",
        "organisation",
        "org",
        "organizationname",
        "employer",
        "account",
        "accountname",
        "公司",
        "公司名称",
        "单位",
        "单位名称",
        "企业",
        "企业名称",
        "工作单位",
        "组织",
    ),
    "role": (
        "title",
        "jobtitle",
        "role",
        "position",
        "organizationtitle",
        "职位",
        "职务",
        "头衔",
        "岗位",
    ),
    "mobile": (
        "mobile",
        "mobilephone",
        "mobilenumber",
        "cell",
        "cellphone",
        "mobilenumber",
        "carphone",
        "homemobile",
        "手机",
        "手机号",
        "手机号码",
        "移动电话",
    ),
    "work_phone": (
        "phone",
        "tel",
        "telephone",
        "phonenumber",
        "workphone",
        "businessphone",
        "officephone",
        "companymainphone",
        "电话",
        "座机",
        "电话号码",
        "办公电话",
        "工作电话",
        "固定电话",
    ),
    "home_phone": ("homephone", "家庭电话", "住宅电话"),
    "fax": ("fax", "faxnumber", "businessfax", "homefax", "otherfax", "传真"),
    "other_phone": (
        "otherphone",
        "primaryphone",
        "phonevalue",
        "pager",
        "pagernumber",
        "assistantsphone",
        "callback",
        "radiophone",
        "isdn",
        "联系电话",
        "联系方式",
        "其他电话",
    ),
    "phones": ("phones", "电话列表"),  # crmtui's own export: labelled numbers in one cell
    "email": (
        "email",
        "emails",
        "mail",
        "emailaddress",
        "emailvalue",
        "primaryemail",
        "secondaryemail",
        "emailhome",
        "emailwork",
        "emailother",
        "邮箱",
        "电子邮件",
        "电子邮箱",
        "邮件",
        "邮箱地址",
        "email地址",
    ),
    "birthday": (
        "birthday",
        "birthdate",
        "dateofbirth",
        "dob",
        "bday",
        "生日",
        "出生日期",
        "出生年月日",
    ),
    "address": (
        "address",
        "street",
        "streetaddress",
        "businessstreet",
        "homestreet",
        "地址",
        "通讯地址",
        "联系地址",
        "详细地址",
        "街道",
        "公司地址",
    ),
    "city": ("city", "town", "businesscity", "homecity", "城市", "所在城市", "市"),
    "country": (
        "country",
        "countryregion",
        "businesscountryregion",
        "homecountryregion",
        "nation",
        "国家",
        "国家地区",
    ),
    "website": (
        "website",
        "websitevalue",
        "websitework",
        "websitehomepage",
        "web",
        "webpage",
        "url",
        "homepage",
        "site",
        "网址",
        "网站",
        "主页",
    ),
    "notes": (
        "notes",
        "note",
        "comment",
        "comments",
        "remark",
        "remarks",
        "description",
        "memo",
        "备注",
        "说明",
        "描述",
        "附注",
    ),
    "tags": (
        "tags",
        "tag",
        "categories",
        "category",
        "labels",
        "label",
        "groups",
        "group",
        "groupmembership",
        "标签",
        "分类",
        "类别",
        "分组",
    ),
    # Fields ContactRecord has no slot for, recognised so that they are kept in ``extra``.
    "extra:department": ("department", "organizationdepartment", "dept", "部门"),
    "extra:honorific": ("nameprefix", "prefix", "称谓"),
    "extra:suffix": ("suffix", "namesuffix"),
    "extra:region": ("state", "province", "region", "businessstate", "省", "省份", "地区"),
    "extra:postcode": (
        "zip",
        "zipcode",
        "postcode",
        "postalcode",
        "businesspostalcode",
        "邮编",
        "邮政编码",
    ),
    "extra:industry": ("industry", "行业"),
    "extra:source": ("source", "leadsource", "来源", "客户来源"),
    "extra:wechat": ("wechat", "weixin", "微信", "微信号"),
    "extra:qq": ("qq", "qq号"),
    "extra:nickname": ("nickname", "昵称"),
}

_TABLE: dict[str, str] = {alias: target for target, names in _ALIASES.items() for alias in names}

# Everything but letters and digits is noise in a column title: "E-mail", "Phone #", "手机：".
_NOISE = re.compile(r"[\W_]+")
_DIGITS = re.compile(r"\d+")


def normalise_title(title: str) -> str:
    """The comparison form of a column title: NFKC, case-folded, letters and digits only."""
    return _NOISE.sub("", unicodedata.normalize("NFKC", title).casefold())


def guess_target(title: str) -> str | None:
    """The target a column title suggests, or ``None`` if it is not recognised."""
    stripped = title.strip()
    if stripped.casefold().startswith(EXTRA_PREFIX):
        key = clean_key(stripped[len(EXTRA_PREFIX) :])
        return EXTRA_PREFIX + key if key else None
    if structured := structured_target(title):
        return structured
    key = normalise_title(title)
    # Numbered columns ("E-mail 2 Address", "Phone 1 - Value") mean the same as the bare title.
    return _TABLE.get(key) or _TABLE.get(_DIGITS.sub("", key))


def resolve_field(field: str) -> str | None:
    """The target for a field name given with ``--map``; ``None`` means skip the column."""
    name = field.strip()
    if name.casefold() in _SKIP:
        return None
    if name in FIELDS:
        return name
    return guess_target(name) or EXTRA_PREFIX + clean_key(name)


def parse_overrides(pairs: Iterable[str]) -> dict[str, str]:
    """Turn ``--map`` options (``"Column=field"``) into the overrides dict of the readers."""
    overrides: dict[str, str] = {}
    for pair in pairs:
        column, sep, field = pair.rpartition("=")
        if not sep or not column.strip():
            raise FormatError("map-bad-pair", pair=pair)
        overrides[column.strip()] = field.strip()
    return overrides


def unique_titles(row: Sequence[str]) -> list[str]:
    """Column labels for display: blank titles named by position, repeated ones numbered."""
    labels: list[str] = []
    for index, raw in enumerate(row, start=1):
        label = raw.strip() or f"column {index}"
        base, n = label, 2
        while label in labels:
            label, n = f"{base} #{n}", n + 1
        labels.append(label)
    return labels


def map_columns(
    labels: Sequence[str], overrides: Mapping[str, str] | None = None
) -> list[str | None]:
    """Decide the target of each column (``None``: not used) from titles and overrides.

    Overrides name a column by its label or a title that normalises the same way. A single-value
    field keeps its first column; later ones stay unused and show up as unmapped in a preview.
    """
    targets: list[str | None] = [guess_target(label) for label in labels]
    for column, field in (overrides or {}).items():
        targets[_find_column(labels, column)] = resolve_field(field)

    if "customer" in targets:
        becomes: str | None = "name"
        if any(t in ("name", "given_name", "family_name") for t in targets):
            # With a person's column beside it the customer is the company, unless there is a
            # company column too; then it is left for the user to map.
            becomes = None if "company" in targets else "company"
        targets = [becomes if t == "customer" else t for t in targets]

    # Outlook's "Title" is the honorific (Mr., Dr.) when a "Job Title" column holds the job
    titles = [words(label) for label in labels]
    if "job title" in titles and "title" in titles and "title" not in (overrides or {}):
        targets[titles.index("title")] = EXTRA_PREFIX + "honorific"

    seen: set[str] = set()
    for index, target in enumerate(targets):
        if target is None or target in MULTI_FIELDS or target.startswith(STRUCTURED):
            continue
        if target in seen:
            # a second web page is kept beside the first; other repeats stay unused
            targets[index] = EXTRA_PREFIX + "website 2" if target == "website" else None
        seen.add(target)
    return targets


def _find_column(labels: Sequence[str], column: str) -> int:
    if column in labels:
        return labels.index(column)
    wanted = normalise_title(column)
    for index, label in enumerate(labels):
        if normalise_title(label) == wanted:
            return index
    shown = ", ".join(labels)
    raise FormatError("map-no-such-column", column=column, shown=shown)
