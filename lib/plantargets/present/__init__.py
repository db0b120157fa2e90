"""Presentation: labels, styled tables and figures for the notebooks."""
