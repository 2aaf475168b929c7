"""newsfuse: many news reports in, one trustworthy, cited account of each event out.

>>> import newsfuse
>>> report = newsfuse.brief(["examples/"])          # doctest: +SKIP
>>> report.events[0].facts["killed"].best            # doctest: +SKIP
"""

from newsfuse.errors import (
    ConfigError,
    InputError,
    ModelError,
    NewsfuseError,
    NotFoundError,
    StoreError,
)
from newsfuse.model import (
    Analysed,
    Article,
    Brief,
    Event,
    Fact,
    Mention,
    Rejection,
    Report,
)
from newsfuse.pipeline import Options, brief

__version__ = "0.1.0"

__all__ = [
    "Analysed",
    "Article",
    "Brief",
    "ConfigError",
    "Event",
    "Fact",
    "InputError",
    "Mention",
    "ModelError",
    "NewsfuseError",
    "NotFoundError",
    "Options",
    "Rejection",
    "Report",
    "StoreError",
    "__version__",
    "brief",
]
