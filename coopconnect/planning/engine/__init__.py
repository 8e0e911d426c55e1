"""The territory engine: communes and places held in process as numpy arrays, a grid index, caches."""
