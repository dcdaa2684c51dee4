"""The bundled example: Northumbria's plan, return, crime tables and tracker register, made in code."""
