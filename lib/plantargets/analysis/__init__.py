"""Analyses: pure metrics, reference tables and one module per research question."""
