"""One phone, as the real server sees it: a client of Streamlit's own websocket protocol.

It sends what Streamlit's frontend sends (a ``rerun_script`` BackMsg carrying the address's query
string, the page and every widget value it set) and reads the ForwardMsgs back: the deltas that
draw the page, the query string the script changed, and ``script_finished`` at the end of a run.
Parsing protobufs costs a small part of what drawing them in a browser does, so one machine can
drive many more sessions than it could chromiums (the bench writes down its own CPU share).

Left out, on purpose: the frontend's message cache (it tells the server which large messages it
holds, so the server sends a reference instead); the pages here send no message that large.
"""

from __future__ import annotations

import asyncio
import random
import time
from dataclasses import dataclass, field

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState, ContextInfo
from streamlit.proto.Common_pb2 import StringArray
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState, WidgetStates

ANSWER_KEY = "answer_"  # pages/fill_in.py keys each answer's pills answer_<conversation>_<item>
RUN_TIMEOUT = 120  # seconds: far past any target; a run this slow means the server is stuck
FINISHED = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY}


class RunFailed(RuntimeError):
    """A run showed an exception or did not finish: a fast figure from an error page would lie."""


@dataclass
class Pills:
    """One answer's pills as the last run drew them."""

    widget_id: str
    options: list[str]
    fragment_id: str  # the fragment it is drawn in ("" for the whole page): a tap reruns only that
    chosen: int | None


@dataclass
class Phone:
    """One browser tab on the real server: signs in with a card's code, follows the link to its
    form and taps answers."""

    url: str
    rng: random.Random
    query: str = ""
    page_hash: str = ""
    pills: dict[str, Pills] = field(default_factory=dict)
    links: list[tuple[str, str]] = field(default_factory=list)  # (page hash, query) of each page link
    tapped: dict[str, int] = field(default_factory=dict)  # item id -> the option index tapped last
    _states: dict[str, WidgetState] = field(default_factory=dict)
    _socket: websockets.ClientConnection | None = None
    _reader: asyncio.Task | None = None
    _finished: asyncio.Queue | None = None
    _errors: list[str] = field(default_factory=list)

    async def connect(self) -> None:
        self._finished = asyncio.Queue()
        # The subprotocol header is how Streamlit's frontend opens the stream: "streamlit" first.
        self._socket = await websockets.connect(f"{self.url}/_stcore/stream", subprotocols=["streamlit"],
                                                max_size=None, open_timeout=RUN_TIMEOUT)
        self._reader = asyncio.create_task(self._read())

    async def close(self) -> None:
        if self._socket is not None:
            await self._socket.close()
        if self._reader is not None:
            await self._reader

    async def sign_in(self, code: str) -> float:
        """Open the card's QR link (``/?code=...``): milliseconds until the first page is drawn."""
        self.query = f"code={code}"
        return await self.rerun()

    async def open_form(self) -> float:
        """Tap the link to the open conversation's form on the landing page; milliseconds until drawn."""
        found = [(page, query) for page, query in self.links if "conversation=" in query]
        if not found:
            raise RunFailed(f"no link to a conversation on the page after signing in: {self._errors}")
        self.page_hash, self.query = found[0]
        self._states.clear()  # another page: the frontend drops the widgets of the last one
        milliseconds = await self.rerun()
        if not self.answers():
            raise RunFailed("the fill-in page showed no answer to tap")
        return milliseconds

    def answers(self) -> list[Pills]:
        return [pills for pills in self.pills.values() if ANSWER_KEY in pills.widget_id]

    async def tap(self) -> float:
        """Tap another answer on one item, as a thumb would: milliseconds until its run finished."""
        pills = self.rng.choice(self.answers())
        choice = self.rng.choice([index for index in range(len(pills.options)) if index != pills.chosen])
        self._states[pills.widget_id] = WidgetState(id=pills.widget_id,
                                                    string_array_value=StringArray(data=[pills.options[choice]]))
        self.tapped[item_of(pills.widget_id)] = choice
        return await self.rerun(pills.fragment_id)

    async def rerun(self, fragment_id: str = "") -> float:
        message = BackMsg(rerun_script=ClientState(
            query_string=self.query, page_script_hash=self.page_hash, fragment_id=fragment_id,
            widget_states=WidgetStates(widgets=list(self._states.values())),
            context_info=ContextInfo(timezone="Europe/Amsterdam", locale="nl-NL", url=f"{self.url}/?{self.query}"),
        ))
        if not fragment_id:
            self.pills.clear()
            self.links.clear()
        started = time.perf_counter()
        await self._socket.send(message.SerializeToString())
        while True:
            status = await asyncio.wait_for(self._finished.get(), RUN_TIMEOUT)
            if self._errors:
                raise RunFailed(f"the page showed an exception: {self._errors}")
            if status in FINISHED:
                return (time.perf_counter() - started) * 1000
            if status != ForwardMsg.FINISHED_EARLY_FOR_RERUN:  # the script's st.rerun() runs on
                raise RunFailed(f"the run ended with status {status}")

    async def _read(self) -> None:
        try:
            async for data in self._socket:
                message = ForwardMsg()
                message.ParseFromString(data)
                self._take(message)
        except websockets.ConnectionClosed:
            pass

    def _take(self, message: ForwardMsg) -> None:
        kind = message.WhichOneof("type")
        if kind == "delta" and message.delta.WhichOneof("type") == "new_element":
            self._element(message.delta.new_element, message.delta.fragment_id)
        elif kind == "page_info_changed":
            self.query = message.page_info_changed.query_string  # the script changed the address
        elif kind == "script_finished":
            self._finished.put_nowait(message.script_finished)

    def _element(self, element, fragment_id: str) -> None:
        kind = element.WhichOneof("type")
        if kind == "exception":
            self._errors.append(element.exception.message)
        elif kind == "button_group":
            group = element.button_group
            known = self._states.get(group.id)
            options = [option.content for option in group.options]
            if known is not None:
                chosen = options.index(known.string_array_value.data[0])
            else:
                chosen = group.default[0] if group.default else None
            self.pills[group.id] = Pills(group.id, options, fragment_id, chosen)
        elif kind == "page_link":
            self.links.append((element.page_link.page_script_hash, element.page_link.query_string))


def item_of(widget_id: str) -> str:
    """The item an answer's widget is for: its key ends in answer_<conversation>_<item>."""
    key = widget_id[widget_id.index(ANSWER_KEY) + len(ANSWER_KEY):]
    return key.split("_", 1)[1]
