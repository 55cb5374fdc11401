"""The packaged lexicon data: JSON files the lexicon loader reads and validates."""
