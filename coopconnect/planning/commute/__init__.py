"""Commute savings: parameters, a member's yearly savings, bookings' savings, video versus trip."""
