"""Read typed settings from environment variables."""

import os


def env_str(name: str, default: str) -> str:
    """Return the variable's value, or the default when unset or empty."""
    value = os.environ.get(name, "")
    return value if value != "" else default


def env_bool(name: str, default: bool) -> bool:
    """Return the variable as a boolean ("1", "true", "yes", "on" are true)."""
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    """Return a comma-separated variable as a list."""
    value = os.environ.get(name, "")
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    """Return the variable as an integer, or the default when unset or empty."""
    value = os.environ.get(name, "").strip()
    return int(value) if value else default
