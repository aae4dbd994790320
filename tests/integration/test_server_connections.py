"""The server answers a tap without waiting on the network: every connection sends each message
at once (TCP_NODELAY).

Streamlit binds its listening socket itself, and Python's own event loop sets TCP_NODELAY only on
sockets made for the TCP protocol by number, which Streamlit's is not; with Nagle's algorithm left
on, the second message of a run (the finished run after the "saved" mark) waited for the phone's
delayed acknowledgement, up to 40 ms. uvloop (requirements.txt), which Streamlit runs on when it
is installed, sets it on every TCP connection. These tests hold both halves: that Streamlit picks
uvloop, and that a connection accepted on a socket bound as Streamlit binds it sends at once.
"""

import asyncio
import socket

from streamlit.web import bootstrap
from streamlit.web.server.starlette import starlette_server


class Accepting(asyncio.Protocol):
    def __init__(self, accepted: asyncio.Future):
        self.accepted = accepted

    def connection_made(self, transport):
        self.accepted.set_result(transport)


async def nodelay_of_an_accepted_connection() -> int:
    listening = starlette_server._bind_socket("127.0.0.1", 0, 8)
    loop = asyncio.get_running_loop()
    accepted = loop.create_future()
    server = await loop.create_server(lambda: Accepting(accepted), sock=listening)
    _, writer = await asyncio.open_connection(*listening.getsockname())
    try:
        transport = await asyncio.wait_for(accepted, 10)
        return transport.get_extra_info("socket").getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
    finally:
        writer.close()
        server.close()


def test_streamlit_serves_on_uvloop():
    factory = bootstrap._get_uvloop_loop_factory()
    assert factory is not None
    loop = factory()
    try:
        assert type(loop).__module__.startswith("uvloop")
    finally:
        loop.close()


def test_a_connection_to_the_server_sends_each_message_at_once():
    with asyncio.Runner(loop_factory=bootstrap._get_uvloop_loop_factory()) as runner:
        assert runner.run(nodelay_of_an_accepted_connection()) != 0
