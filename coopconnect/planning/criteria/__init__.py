"""The study's criteria for a pilot site, one module per group of criteria, and the score."""
