"""smallball: international table tennis exchanges, and the ties between countries they build."""

__version__ = "0.1.0"
