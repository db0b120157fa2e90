"""The dataset: manifest, catalogue, checks, assembly and writing, data package, adding documents."""
