"""Normalisation: entities, metrics, units, periods and dates, lemmas and people, as the stages share them."""
