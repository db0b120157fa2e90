"""Extraction: values, table layouts and cells, tables, prose targets."""
