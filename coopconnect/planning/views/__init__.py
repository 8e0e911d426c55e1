"""Pages of the tool to convince, one module per page."""
