"""Scoring newsfuse output against gold data directories (articles.jsonl + events.jsonl)."""
