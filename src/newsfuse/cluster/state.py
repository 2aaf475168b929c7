"""Saving an online clusterer and going on later exactly where it stopped.

A long-lived stream (the store's incremental ingest) keeps an :class:`OnlineClusterer` across
processes: :func:`save_state` turns it into bytes, :func:`load_state` gives back a clusterer that
places the next article exactly as the saved one would have. With ``forget_closed=True`` the
bytes hold the open events, their articles' features and MinHash signatures, the running
document frequencies and the corrections, so their size follows the open window and the
vocabulary, not the number of articles ever added.
"""

from __future__ import annotations

import pickle

from usearch.index import Index

from newsfuse.cluster.online import OnlineClusterer
from newsfuse.cluster.params import ClusterParams, load_params
from newsfuse.errors import ConfigError

#: Version of the bytes :func:`save_state` writes; bump it when the clusterer's fields change.
STATE_FORMAT = 1


def save_state(clusterer: OnlineClusterer) -> bytes:
    """The clusterer's whole state (everything but its parameters) as bytes.

    Postings of names that point only at closed events (neither open nor dormant, waiting for a
    follow-up) are dropped first: candidates are filtered to open and dormant events and event
    keys are never reused, so this changes no later result.
    """
    dormant = {key for _, key in clusterer.__dict__.get("_dormant", ())}
    clusterer._name_events = {
        name: keys
        for name, keys in clusterer._name_events.items()
        if any(k in clusterer._open or k in dormant for k in keys)
    }
    data = {k: v for k, v in clusterer.__dict__.items() if k not in ("params", "_index")}
    data["_index"] = bytes(clusterer._index.save())
    data["_format"] = STATE_FORMAT
    return pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL)


def load_state(state: bytes, params: ClusterParams | None = None) -> OnlineClusterer:
    """A clusterer restored from :func:`save_state` bytes (only pass bytes newsfuse wrote: they
    are a pickle).

    Args:
        state: the saved bytes.
        params: parameters (default: the fitted ``params.json``); should be those it ran with.

    Raises:
        ConfigError: bytes that are not a saved state of this format version.
    """
    try:
        data = pickle.loads(state)
    except Exception as exc:  # noqa: BLE001 - any unpickling failure means unusable bytes
        raise ConfigError(f"cannot read the saved clustering state: {exc}") from exc
    if not isinstance(data, dict) or data.pop("_format", None) != STATE_FORMAT:
        raise ConfigError("the saved clustering state is of another newsfuse version.")
    clusterer = OnlineClusterer.__new__(OnlineClusterer)
    index_bytes = data.pop("_index")
    clusterer.__dict__.update(data)
    clusterer.params = params or load_params()
    clusterer._index = Index.restore(index_bytes)
    return clusterer
