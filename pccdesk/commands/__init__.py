"""CLI command groups; each module's ``register`` adds its sub-commands to the parser."""
