"""Writes of the events app, one module per concept.

``events`` (create, edit, publish, cancel), ``registrations`` (register, cancel), ``seats`` (the event
lock, seat count and waitlist), ``attendance``, ``themes``, ``rooms`` (the meeting room booked for an
event) and ``checks`` (validation of an event's fields).
"""

from coopconnect.events.services.attendance import attendance_mark, attendance_mark_many
from coopconnect.events.services.events import event_cancel, event_create, event_publish, event_update
from coopconnect.events.services.registrations import registration_cancel, registration_create
from coopconnect.events.services.themes import themes_follow, themes_from_names

__all__ = [
    "attendance_mark",
    "attendance_mark_many",
    "event_cancel",
    "event_create",
    "event_publish",
    "event_update",
    "registration_cancel",
    "registration_create",
    "themes_follow",
    "themes_from_names",
]
