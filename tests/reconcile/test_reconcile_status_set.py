"""Status accuracy on our hand-labelled set (status_cases.json); the floor is pinned here.

`python benchmarks/reconcile_status.py` prints the same figures.
"""

import status_set

FLOOR = 0.95


def test_status_accuracy_floor():
    accuracy, per_status, misses = status_set.accuracy()
    print(f"status accuracy {accuracy:.3f} {per_status} misses={misses}")
    assert len(status_set.load_cases()) >= 30
    assert set(per_status) == {"agreed", "updated", "disputed", "single_source"}
    assert accuracy >= FLOOR, misses
