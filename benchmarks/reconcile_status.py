"""Status accuracy of reconcile on the hand-labelled set in tests/reconcile/status_cases.json.

    PYTHONPATH=src python benchmarks/reconcile_status.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "reconcile"))

import status_set  # noqa: E402


def main() -> int:
    accuracy, per_status, misses = status_set.accuracy()
    total = sum(t for _, t in per_status.values())
    print(f"status accuracy {accuracy:.1%} on {total} cases")
    for status, (right, n) in sorted(per_status.items()):
        print(f"  {status:<14} {right}/{n}")
    for name, expected, got in misses:
        print(f"  miss: {name}: expected {expected}, got {got}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
