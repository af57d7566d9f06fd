"""HTTP load: ``wrk`` when installed (honest numbers on 2 cores), else a small asyncio client.

Either way: ``connections`` concurrent keep-alive connections on loopback for ``seconds``, counting completed
responses, non-2xx answers and socket errors. The asyncio client shares the CPUs with the server it measures, so its
absolute requests per second are low; ratios between targets measured the same way still compare.
"""

from __future__ import annotations

import asyncio
import re
import shutil
import subprocess
import time

from .stats import percentile

WRK_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def tool() -> str:
    return "wrk" if shutil.which("wrk") else "python-asyncio"


def run(url: str, *, seconds: float, connections: int, headers: dict[str, str] | None = None) -> dict:
    headers = headers or {}
    if tool() == "wrk":
        return _wrk(url, seconds=seconds, connections=connections, headers=headers)
    return asyncio.run(_asyncio(url, seconds=seconds, connections=connections, headers=headers))


# --- wrk ------------------------------------------------------------------------------------------------------


def _wrk(url: str, *, seconds: float, connections: int, headers: dict[str, str]) -> dict:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{max(1, round(seconds))}s", "--latency", "--timeout", "10s"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run([*command, url], capture_output=True, text=True, timeout=seconds + 60).stdout  # noqa: S603
    return parse_wrk(output)


def _ms(text: str) -> float:
    match = re.fullmatch(r"([0-9.]+)(us|ms|s|m)", text.strip())
    return round(float(match[1]) * WRK_UNITS[match[2]], 2) if match else 0.0


def parse_wrk(output: str) -> dict:
    def number(pattern: str) -> float:
        match = re.search(pattern, output)
        return float(match[1]) if match else 0.0

    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    socket_errors = sum(int(n) for n in socket.groups()) if socket else 0
    latency = {}
    for pct in ("50", "90", "99"):
        match = re.search(rf"^\s+{pct}%\s+(\S+)", output, re.MULTILINE)
        if match:
            latency[f"p{pct}_ms"] = _ms(match[1])
    return {
        "tool": "wrk",
        "requests": int(number(r"(\d+) requests in")),
        "rps": round(number(r"Requests/sec:\s+([0-9.]+)"), 1),
        "non_2xx": int(number(r"Non-2xx or 3xx responses: (\d+)")),
        "socket_errors": socket_errors,
        "errors": int(number(r"Non-2xx or 3xx responses: (\d+)")) + socket_errors,
        "latency": latency,
    }


# --- asyncio fallback ------------------------------------------------------------------------------------------


class _Tally:
    def __init__(self) -> None:
        self.ok = 0
        self.non_2xx = 0
        self.socket_errors = 0
        self.latencies: list[float] = []


async def _read_body(reader: asyncio.StreamReader, length: int | None, chunked: bool) -> bool:
    """Read the body; True when the server will close the connection after it."""
    if chunked:
        while True:
            size = int((await reader.readline()).split(b";")[0].strip() or b"0", 16)
            await reader.readexactly(size + 2)  # the chunk and its CRLF
            if size == 0:
                return False
    if length is not None:
        await reader.readexactly(length)
        return False
    await reader.read()
    return True


async def _client(host: str, port: int, request: bytes, deadline: float, tally: _Tally) -> None:
    reader = writer = None
    while time.monotonic() < deadline:
        started = time.perf_counter()
        try:
            if writer is None:
                reader, writer = await asyncio.open_connection(host, port)
            writer.write(request)
            await writer.drain()
            status_line = await reader.readline()
            if not status_line:
                raise ConnectionError("closed before answering")
            status = int(status_line.split()[1])
            length, chunked, close = None, False, False
            while True:
                line = await reader.readline()
                if line in (b"\r\n", b"\n", b""):
                    break
                name, _sep, value = line.decode("latin-1").partition(":")
                name, value = name.strip().lower(), value.strip().lower()
                if name == "content-length":
                    length = int(value)
                elif name == "transfer-encoding":
                    chunked = "chunked" in value
                elif name == "connection":
                    close = value == "close"
            close = await _read_body(reader, length, chunked) or close
        except (OSError, ConnectionError, asyncio.IncompleteReadError, ValueError, IndexError):
            tally.socket_errors += 1
            if writer is not None:
                writer.close()
            reader = writer = None
            continue
        if time.monotonic() <= deadline:
            tally.latencies.append(time.perf_counter() - started)
            if 200 <= status < 400:
                tally.ok += 1
            else:
                tally.non_2xx += 1
        if close:
            writer.close()
            reader = writer = None
    if writer is not None:
        writer.close()


async def _asyncio(url: str, *, seconds: float, connections: int, headers: dict[str, str]) -> dict:
    match = re.fullmatch(r"http://([^/:]+):(\d+)(/.*)", url)
    if not match:
        raise ValueError(f"not a loopback http URL: {url}")
    host, port, path = match[1], int(match[2]), match[3]
    lines = [f"GET {path} HTTP/1.1", f"Host: {host}:{port}", "Connection: keep-alive", "Accept: */*"]
    lines += [f"{name}: {value}" for name, value in headers.items()]
    request = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
    tally = _Tally()
    started = time.monotonic()
    deadline = started + seconds
    await asyncio.gather(*(_client(host, port, request, deadline, tally) for _ in range(connections)))
    elapsed = max(seconds, 1e-9)
    done = tally.ok + tally.non_2xx
    ms = [s * 1000 for s in tally.latencies]
    return {
        "tool": "python-asyncio",
        "requests": done,
        "rps": round(done / elapsed, 1),
        "non_2xx": tally.non_2xx,
        "socket_errors": tally.socket_errors,
        "errors": tally.non_2xx + tally.socket_errors,
        "latency": {f"p{p}_ms": round(percentile(ms, p), 2) for p in (50, 90, 99)},
    }
