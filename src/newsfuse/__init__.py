"""newsfuse: many news reports in, one trustworthy, cited account of each event out.

>>> import newsfuse
>>> report = newsfuse.brief(["examples/"])          # doctest: +SKIP
>>> report = newsfuse.brief([{"title": "Fire at a depot", "text": "..."}])  # doctest: +SKIP
>>> report.events[0].facts["killed"].best            # doctest: +SKIP

The public names are those in ``__all__`` (pinned by tests/test_exported_members.py); every
other module is the stages' own and may change.
"""

from newsfuse.errors import (
    ConfigError,
    InputError,
    InputTypeError,
    ModelError,
    NewsfuseError,
    NotFoundError,
    NothingReadError,
    StoreError,
)
from newsfuse.model import (
    Analysed,
    Article,
    Brief,
    Duplicate,
    Event,
    Fact,
    IngestResult,
    Mention,
    Rejection,
    Report,
)
from newsfuse.pipeline import Options, brief, brief_articles, read

__version__ = "0.1.0"

__all__ = [
    "Analysed",
    "Article",
    "Brief",
    "ConfigError",
    "Duplicate",
    "Event",
    "Fact",
    "IngestResult",
    "InputError",
    "InputTypeError",
    "Mention",
    "ModelError",
    "NewsfuseError",
    "NotFoundError",
    "NothingReadError",
    "Options",
    "Rejection",
    "Report",
    "StoreError",
    "__version__",
    "brief",
    "brief_articles",
    "read",
]
