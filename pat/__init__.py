"""PAT, the Project Assistance Toolkit."""

__version__ = "0.1.0"
