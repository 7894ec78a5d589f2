"""SafeHarbor: identify, protect, report and serve children who are victims of trafficking."""

__version__ = "0.1.0"
