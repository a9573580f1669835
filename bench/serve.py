"""Benchmark: `skillframe serve` (the production server) against Django's `runserver`, under the
same bounded loopback load, in one run.

    .venv/bin/python bench/serve.py [--requests N] [--time-limit S] [--clients 16,64]

Database: SKILLFRAME_DATABASE_URL if set (e.g. PostgreSQL), else a fresh SQLite file in a
temporary data dir; `skillframe serve --demo --no-serve` loads the seed frameworks and the demo
organisation into it, and `skillframe tokens create bob` makes the API token. Both servers then
run side by side on free ports of 127.0.0.1 (never another address): the production server as
`skillframe serve 127.0.0.1:PORT` (its default workers and threads, or SKILLFRAME_WORKERS and
SKILLFRAME_THREADS), the development server as `skillframe runserver --noreload` (what `serve`
ran before). Each server gets, for each target and each number of concurrent clients, at most N
requests and at most S seconds; every request opens its own connection, as browsers behind
separate proxies do, so the accept queue is part of what is measured. Targets: the home page, an
AXELOS skill page, a search, and an authenticated API call (`GET /api/people`, bearer token).
Prints throughput, p50/p95/p99 latency and errors (non-2xx, refused or timed-out connections) per
server, then the production server's throughput and p99 as a ratio to runserver's. Named limit
(issue 10): the production server keeps p99 under 1 s at 64 clients with no errors.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

SKILLFRAME = str(Path(sys.executable).parent / "skillframe")
HOST = "127.0.0.1"  # loopback only: this load must never leave the machine
P99_LIMIT_S = 1.0
TARGETS = {
    "home": "/",
    "skill": "/frameworks/axelos/PPM-PPL/",
    "search": "/search/?q=leadership",
    "api": "/api/people?limit=20",
}


@dataclass
class Phase:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    elapsed: float = 0.0

    def row(self) -> str:
        done = len(self.latencies)
        rps = done / self.elapsed if self.elapsed else 0.0
        if done >= 2:
            cuts = statistics.quantiles(self.latencies, n=100, method="inclusive")
            p50, p95, p99 = cuts[49], cuts[94], cuts[98]
        else:
            p50 = p95 = p99 = self.latencies[0] if done else float("nan")
        return (
            f"{done:>5} {self.errors:>6} {rps:>8.1f} "
            f"{p50 * 1000:>8.1f} {p95 * 1000:>8.1f} {p99 * 1000:>8.1f}"
        )

    def rps(self) -> float:
        return len(self.latencies) / self.elapsed if self.elapsed else 0.0

    def p99(self) -> float:
        if len(self.latencies) < 2:
            return float("nan")
        return statistics.quantiles(self.latencies, n=100, method="inclusive")[98]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def wait_until_up(port: int, process: subprocess.Popen[bytes], timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server on port {port} exited with {process.returncode}")
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=2)
            connection.request("GET", "/")
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"no answer on port {port} within {timeout:.0f} s")


def load(port: int, path: str, token: str, clients: int, requests: int, limit: float) -> Phase:
    """`clients` threads share `requests` requests, stopping early after `limit` seconds."""
    phase = Phase()
    lock = threading.Lock()
    remaining = [requests]
    headers = {"Authorization": f"Bearer {token}"} if path.startswith("/api/") else {}
    started = time.perf_counter()

    def client() -> None:
        while True:
            with lock:
                if remaining[0] <= 0 or time.perf_counter() - started > limit:
                    return
                remaining[0] -= 1
            begin = time.perf_counter()
            ok = False
            try:
                connection = http.client.HTTPConnection(HOST, port, timeout=10)
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                response.read()
                ok = 200 <= response.status < 300
                connection.close()
            except OSError:
                ok = False
            took = time.perf_counter() - begin
            with lock:
                if ok:
                    phase.latencies.append(took)
                else:
                    phase.errors += 1

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    phase.elapsed = time.perf_counter() - started
    return phase


def prepare(env: dict[str, str]) -> str:
    subprocess.run(
        [SKILLFRAME, "serve", "--demo", "--no-serve"], env=env, check=True, capture_output=True
    )
    made = subprocess.run(
        [SKILLFRAME, "tokens", "create", "bob", "--name", "bench"],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    found = re.search(r"(sf_\S+)", made.stdout)
    if found is None:
        raise SystemExit(f"no token in: {made.stdout!r}")
    return found.group(1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=400, help="per target and client count")
    parser.add_argument("--time-limit", type=float, default=20.0, help="seconds per phase")
    parser.add_argument("--clients", default="16,64", help="comma-separated client counts")
    args = parser.parse_args()
    counts = [int(part) for part in args.clients.split(",")]

    with tempfile.TemporaryDirectory(prefix="sf-bench-serve-") as tmp:
        env = dict(os.environ, SKILLFRAME_DATA_DIR=tmp, SKILLFRAME_DEBUG="0")
        env.pop("DJANGO_SETTINGS_MODULE", None)
        where = env.get("SKILLFRAME_DATABASE_URL", "").split("@")[-1] or "SQLite (temporary)"
        print(f"database: {where}; {os.cpu_count()} CPUs; loading the demo…", flush=True)
        token = prepare(env)
        servers = {
            "serve": [SKILLFRAME, "serve", "{addr}"],
            "runserver": [SKILLFRAME, "runserver", "--noreload", "{addr}"],
        }
        results: dict[tuple[str, str, int], Phase] = {}
        ports: dict[str, int] = {}
        processes: list[subprocess.Popen[bytes]] = []
        try:
            for name, argv in servers.items():
                ports[name] = free_port()
                address = f"{HOST}:{ports[name]}"
                command = [part.replace("{addr}", address) for part in argv]
                processes.append(
                    subprocess.Popen(
                        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
                    )
                )
                wait_until_up(ports[name], processes[-1])
            # Phases alternate between the servers, so a busy spell of a shared machine
            # weighs on both alike.
            for target, path in TARGETS.items():
                for port in ports.values():
                    load(port, path, token, 4, 8, args.time_limit)  # warm every process up
                for clients in counts:
                    for name, port in ports.items():
                        phase = load(port, path, token, clients, args.requests, args.time_limit)
                        results[name, target, clients] = phase
        finally:
            for process in processes:
                process.terminate()
                process.wait(timeout=60)

        print(
            f"{'server':<10} {'target':<7} {'clients':>7} {'ok':>5} {'errors':>6} {'req/s':>8} "
            f"{'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}"
        )
        for (name, target, clients), phase in sorted(results.items(), key=lambda kv: kv[0]):
            print(f"{name:<10} {target:<7} {clients:>7} {phase.row()}")
        print(f"\nserve vs runserver (throughput ratio; p99 ratio; p99 limit {P99_LIMIT_S:.1f} s):")
        for target in TARGETS:
            for clients in counts:
                fast = results["serve", target, clients]
                slow = results["runserver", target, clients]
                throughput = fast.rps() / slow.rps() if slow.rps() else float("inf")
                p99 = fast.p99() / slow.p99() if slow.p99() else float("nan")
                verdict = "ok" if fast.errors == 0 and fast.p99() < P99_LIMIT_S else "OVER"
                print(
                    f"  {target:<7} {clients:>3} clients: {throughput:5.2f}x throughput, "
                    f"p99 {fast.p99() * 1000:7.1f} ms vs {slow.p99() * 1000:7.1f} ms "
                    f"({p99:4.2f}x), errors {fast.errors} vs {slow.errors}  {verdict}"
                )


if __name__ == "__main__":
    main()
