"""Booking pages, one module per journey (see ``bookings/urls.py``)."""
