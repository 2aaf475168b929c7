"""Stage ``extract``: one Article and its Analysed → the Mentions it makes. (issue 3)"""

from __future__ import annotations

from newsfuse.model import Analysed, Article, Mention

__all__ = ["extract_mentions"]


def extract_mentions(article: Article, analysed: Analysed) -> list[Mention]:
    """All claims ``article`` makes, each with its evidence offsets."""
    return []
