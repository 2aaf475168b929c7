"""Stage ``ingest``: sources → Articles (and Rejections). Owned by the ingest work (issue 2)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path

from newsfuse.model import Article, IngestResult, Rejection, RejectionCode

__all__ = ["read_sources"]


def read_sources(sources: Iterable[str | Path], *, max_bytes: int, progress=None) -> IngestResult:
    """Minimal reader (plain text and uniform JSONL) until the full readers land."""
    result = IngestResult()
    for source in sources:
        path = Path(source)
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            if file.suffix == ".jsonl":
                for n, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
                    row = json.loads(line)
                    result.articles.append(
                        Article(id=row["id"], title=row.get("title"), text=row["text"],
                                source=row.get("source"), url=row.get("url"),
                                published=row.get("published"), input=f"{file}:{n}",
                                extra={k: v for k, v in row.items() if k not in Article.model_fields})
                    )
            else:
                text = file.read_text(encoding="utf-8", errors="replace")
                if not text.strip():
                    result.rejected.append(Rejection(input=str(file), code=RejectionCode.EMPTY,
                                                     reason="The file is empty."))
                    continue
                digest = hashlib.sha256(text.encode()).hexdigest()[:16]
                result.articles.append(Article(id="a" + digest, text=text, input=str(file)))
    return result
