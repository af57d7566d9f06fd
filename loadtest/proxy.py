"""A TCP proxy that can be cut and restored: the app's only road to PostgreSQL (or Redis) during a fault run.

Cutting it is what the app sees when the server restarts: every open connection is reset and new connections are
refused until it is restored. The shared PostgreSQL and Redis servers of the machine are never touched, so other
users of them (tests, other developers) notice nothing.

    proxy = CuttableProxy("postgresql", listen_port=0, target=("127.0.0.1", 5432)).start()
    proxy.port        # where the app connects
    proxy.cut(); …; proxy.restore(); proxy.stop()
"""

from __future__ import annotations

import asyncio
import threading


class CuttableProxy:
    def __init__(self, name: str, target: tuple[str, int], listen_port: int = 0, host: str = "127.0.0.1") -> None:
        self.name, self.target, self.host, self.port = name, target, host, listen_port
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name=f"proxy-{name}", daemon=True)
        self._server: asyncio.base_events.Server | None = None
        self._pairs: set[tuple[asyncio.StreamWriter, asyncio.StreamWriter]] = set()
        self.connections = 0  # accepted since start, for the report

    # --- called from the main thread ---
    def start(self) -> CuttableProxy:
        self._thread.start()
        self._run(self._listen())
        return self

    def cut(self) -> None:
        """Refuse new connections and reset every open one (as a server restart does)."""
        self._run(self._cut())

    def restore(self) -> None:
        self._run(self._listen())

    def stop(self) -> None:
        self._run(self._cut())
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)

    @property
    def is_up(self) -> bool:
        return self._server is not None

    def _run(self, coro):  # type: ignore[no-untyped-def]
        return asyncio.run_coroutine_threadsafe(coro, self._loop).result(10)

    # --- on the proxy's event loop ---
    async def _listen(self) -> None:
        if self._server is None:
            self._server = await asyncio.start_server(self._handle, self.host, self.port, reuse_address=True)
            self.port = self._server.sockets[0].getsockname()[1]

    async def _cut(self) -> None:
        server, self._server = self._server, None
        if server is not None:
            server.close()  # stop listening first: a reconnect during the cut is refused, not accepted
        for pair in list(self._pairs):
            for writer in pair:
                writer.transport.abort()
        self._pairs.clear()

    async def _handle(self, client_reader: asyncio.StreamReader, client_writer: asyncio.StreamWriter) -> None:
        if self._server is None:
            client_writer.transport.abort()
            return
        try:
            server_reader, server_writer = await asyncio.open_connection(*self.target)
        except OSError:
            client_writer.transport.abort()
            return
        pair = (client_writer, server_writer)
        self._pairs.add(pair)
        self.connections += 1
        pipes = [
            asyncio.create_task(_pipe(client_reader, server_writer)),
            asyncio.create_task(_pipe(server_reader, client_writer)),
        ]
        try:
            await asyncio.wait(pipes, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for task in pipes:
                task.cancel()
            for writer in pair:
                writer.transport.abort()
            self._pairs.discard(pair)


async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    except (OSError, asyncio.IncompleteReadError):
        pass
