"""Type stubs for the parts of ``lunardate`` crmtui uses (the package ships none)."""

from datetime import date

class LunarDate:
    year: int
    month: int
    day: int
    is_leap_month: bool
    def __init__(self, year: int, month: int, day: int, is_leap_month: bool = False) -> None: ...
    @classmethod
    def from_solar_date(cls, year: int, month: int, day: int) -> LunarDate: ...
    def to_solar_date(self) -> date: ...
