"""Commute savings: parameters, a member's yearly savings, survey respondents' and bookings' savings,
video versus trip."""
