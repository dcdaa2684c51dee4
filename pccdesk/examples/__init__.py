"""The bundled example: Northumbria's plan, return, crime tables and tracker register, made in code."""

#: The quarter the example is for (here, not in ``plan``, so that naming it does not build the example plan).
EXAMPLE_PERIOD = "2015-16 Q1"
