"""spaCy components; each writes one ``doc.spans`` key and nothing else."""
