"""The Police and Crime Plan's indicators: plan definitions, the force's returns, matching, checks, status rules and the performance sheets of the pack."""
