"""Scoring newsfuse output against the gold of ../shared/data-style directories."""
