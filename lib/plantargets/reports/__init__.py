"""The report build: configuration, planning, execution, workers, HTML and build state."""
