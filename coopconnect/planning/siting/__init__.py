"""Proposing new sites (maximal covering location): candidates, greedy and exact choices, map."""
