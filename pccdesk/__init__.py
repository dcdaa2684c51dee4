"""pccdesk: turns a police force's quarterly returns into the Police and Crime Panel's pack."""

__version__ = "0.1.0"
