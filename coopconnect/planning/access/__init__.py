"""Accessibility indicators: shares of people within 10/20/30 minutes of a place, seats within reach."""
