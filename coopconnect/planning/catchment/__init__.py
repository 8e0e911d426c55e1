"""Catchment of a candidate site: inputs, travel times to many communes at once, tables, result."""
