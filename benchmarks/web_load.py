"""Latency of the events page and ``/api/events`` under concurrent loopback clients.

Starts ``newsfuse serve`` on a free loopback port in a child process and runs ``--clients`` threads, each asking for the two paths in turn ``--requests`` times (so
the run is bounded and stops by itself); prints p50 / p95 / max per path and requests per
second. The clients share the machine with the server: on two cores, 20 clients measure the
server and their own Python as much as the network path; other load inflates every figure.

Usage::

    newsfuse ingest examples/ --db /tmp/load.db
    PYTHONPATH=src python benchmarks/web_load.py --db /tmp/load.db [--clients 20] [--requests 25]
"""

from __future__ import annotations

import argparse
import http.client
import socket
import statistics
import threading
import time

PATHS = ("/", "/api/events")


def serve(db: str):
    """``newsfuse serve`` in its own process (the clients' threads must not share its GIL)."""
    import os
    import subprocess
    import sys

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-c", "from newsfuse.cli import main; main()", "serve", "--db", db,
         "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={**os.environ, "NEWSFUSE_TOKEN": ""})
    for _ in range(600):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return server, port
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit("the server did not start within 60 s")


def client(port: int, requests: int, times: dict[str, list[float]], lock: threading.Lock) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    for _ in range(requests):
        for path in PATHS:
            start = time.perf_counter()
            conn.request("GET", path, headers={"Host": "127.0.0.1"})
            response = conn.getresponse()
            response.read()
            elapsed = time.perf_counter() - start
            if response.status != 200:
                raise SystemExit(f"{path}: HTTP {response.status}")
            with lock:
                times[path].append(elapsed)
    conn.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=25, help="rounds per client")
    args = parser.parse_args()
    server, port = serve(args.db)
    client(port, 2, {p: [] for p in PATHS}, threading.Lock())  # warm the templates and caches
    times: dict[str, list[float]] = {p: [] for p in PATHS}
    lock = threading.Lock()
    threads = [threading.Thread(target=client, args=(port, args.requests, times, lock))
               for _ in range(args.clients)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - start
    server.terminate()
    server.wait()
    total = sum(len(v) for v in times.values())
    print(f"{args.clients} clients x {args.requests} rounds: {total} requests in {wall:.1f}s "
          f"({total / wall:.0f}/s)")
    for path, values in times.items():
        values.sort()
        p95 = values[int(0.95 * (len(values) - 1))]
        print(f"{path:<12} p50 {1000 * statistics.median(values):6.1f} ms  p95 {1000 * p95:6.1f} ms  "
              f"max {1000 * values[-1]:6.1f} ms")


if __name__ == "__main__":
    main()
