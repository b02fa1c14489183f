"""Announcements (公告): short notices on the today desktop, pinned or valid until a day."""
