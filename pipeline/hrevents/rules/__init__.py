"""Rule data (YAML) and the pydantic models that validate it."""
