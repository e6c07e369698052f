"""skillsnet: careers, training and training centres for the advanced-therapy workforce."""

__version__ = "0.1.0"
