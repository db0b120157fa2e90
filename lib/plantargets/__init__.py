"""PlanTargets: quantitative targets of Chinese local development plans."""

__version__ = "0.1.0"
