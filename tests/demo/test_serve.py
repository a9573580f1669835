"""`skillframe serve`: the production server (a real HTTP request, then SIGTERM and a clean exit),
and `serve --dev`, Django's autoreloading development server."""

from __future__ import annotations

import http.client
import os
import re
import signal
import socket
import subprocess
import time
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from skillframe.demo.management.commands.serve import production_server
from skillframe.ops.storage import COLLECTED_ENV
from tests.console import SKILLFRAME


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def get(port: int, path: str, **headers: str) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    response.read()
    connection.close()
    return response


def wait_for(port: int, process: subprocess.Popen[str], timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()
        try:
            get(port, "/")
            return
        except OSError:
            time.sleep(0.2)
    pytest.fail("the server did not answer in time")


def test_serve_runs_the_production_server_and_stops_cleanly_on_sigterm(
    cli_env: dict[str, str],
) -> None:
    port = free_port()
    process = subprocess.Popen(
        [SKILLFRAME, "serve", f"127.0.0.1:{port}", "--workers", "1", "--threads", "2"],
        env=cli_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        wait_for(port, process)
        home = get(port, "/")
        assert home.status == 200
        assert home.getheader("Server") == "granian"
        # Static files come collected: hashed names, cached for ever, compressed on request.
        page = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        page.request("GET", "/")
        html = page.getresponse().read().decode()
        css = re.search(r'href="(/static/skillframe/skillframe\.[0-9a-f]{12}\.css)"', html)
        assert css, "the stylesheet is not served under its hashed name"
        static = get(port, css.group(1), **{"Accept-Encoding": "gzip"})
        assert static.status == 200
        assert "immutable" in static.getheader("Cache-Control", "")
        assert static.getheader("Content-Encoding") == "gzip"
    finally:
        process.send_signal(signal.SIGTERM)
        output, _ = process.communicate(timeout=60)
    assert process.returncode == 0, output
    assert "Production server: 1 workers × 2 threads" in output
    assert re.search(r'"GET / HTTP/1\.1" 200', output), "no access log line for the request"
    collected = Path(cli_env["SKILLFRAME_DATA_DIR"]) / "static" / "staticfiles.json"
    assert collected.is_file()


def test_serve_dev_keeps_runserver_with_autoreload(
    db: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from django.core.management.commands import runserver

    seen: dict[str, Any] = {}

    def run(self: Any, **options: Any) -> None:
        seen.update(options)

    def no_exec(*args: Any) -> None:
        raise AssertionError("--dev must not start the production server")

    monkeypatch.setattr(runserver.Command, "run", run)
    monkeypatch.setattr("os.execv", no_exec)
    call_command("serve", "--dev", "127.0.0.1:8123", stdout=StringIO())
    assert seen["use_reloader"] is True
    assert seen["addrport"] == "127.0.0.1:8123"


def test_production_server_command_line() -> None:
    argv = production_server("127.0.0.1", 8000, workers=3, threads=5)
    assert argv[1:5] == ["-m", "granian", "--interface", "wsgi"]
    assert argv[-1] == "skillframe.wsgi:application"
    assert argv[argv.index("--workers") + 1] == "3"
    assert argv[argv.index("--blocking-threads") + 1] == "5"
    assert "--access-log" in argv
    assert argv[argv.index("--host") + 1] == "127.0.0.1"
    assert argv[argv.index("--port") + 1] == "8000"
    v6 = production_server("[::1]", 80, 1, 1)
    assert v6[v6.index("--host") + 1] == "::1"


def test_serve_refuses_bad_arguments_before_changing_anything(
    db: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("os.execv", lambda *args: pytest.fail("must not start a server"))
    with pytest.raises(CommandError, match="ADDR:PORT"):
        call_command("serve", "localhost", stdout=StringIO())
    with pytest.raises(CommandError, match="at least 1"):
        call_command("serve", "127.0.0.1:8123", "--workers", "0", stdout=StringIO())
    # This test process's static files were not switched to a collected manifest.
    assert COLLECTED_ENV not in os.environ
