"""safecli: plain-text case books for multi-agency adult safeguarding meetings."""

__version__ = "0.1.0"
