"""A small client for the D-Bus session bus on a plain socket: method calls and signals.

Why not QtDBus, which the window uses: PySide6 has no way to send an unsigned 32-bit
integer (a Python int always goes out as a signed one), and the notification service's
``Notify`` takes one, so every real notification server refuses the call. This speaks the
wire protocol itself, for the few basic and container types reminders need. It also keeps
``hiptimer remind``, which may run every five minutes, free of Qt.
"""

from __future__ import annotations

import os
import select
import socket
import struct
import time
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any
from urllib.parse import unquote

BUS_SERVICE = "org.freedesktop.DBus"
BUS_PATH = "/org/freedesktop/DBus"
_FIXED = {"y": "B", "b": "I", "n": "h", "q": "H", "i": "i", "u": "I", "x": "q", "t": "Q",
          "d": "d", "h": "I"}
_ALIGN = {"y": 1, "b": 4, "n": 2, "q": 2, "i": 4, "u": 4, "x": 8, "t": 8, "d": 8, "h": 4,
          "s": 4, "o": 4, "g": 1, "a": 4, "(": 8, "{": 8, "v": 1}
MAX_MESSAGE = 128 * 1024 * 1024


class BusError(Exception):
    """The bus cannot be reached, or answered a call with an error (``name`` says which)."""

    def __init__(self, message: str, name: str = "") -> None:
        super().__init__(message)
        self.name = name


class MessageType(IntEnum):
    METHOD_CALL = 1
    METHOD_RETURN = 2
    ERROR = 3
    SIGNAL = 4


class Field(IntEnum):
    """Header fields, by the code the protocol gives them."""

    PATH = 1
    INTERFACE = 2
    MEMBER = 3
    ERROR_NAME = 4
    REPLY_SERIAL = 5
    DESTINATION = 6
    SENDER = 7
    SIGNATURE = 8


_FIELD_TYPES = {Field.PATH: "o", Field.INTERFACE: "s", Field.MEMBER: "s",
                Field.ERROR_NAME: "s", Field.REPLY_SERIAL: "u", Field.DESTINATION: "s",
                Field.SENDER: "s", Field.SIGNATURE: "g"}


class Variant:
    """A value sent as a D-Bus variant, with the type it goes as."""

    def __init__(self, signature: str, value: Any) -> None:
        self.signature = signature
        self.value = value


@dataclass
class Message:
    type: MessageType
    serial: int = 0
    fields: dict[Field, Any] = field(default_factory=dict)
    body: list[Any] = field(default_factory=list)

    def get(self, which: Field) -> Any:
        return self.fields.get(which)


def split_signature(signature: str) -> list[str]:
    """The complete types a signature holds, in order: ``"sa{sv}i"`` gives s, a{sv}, i."""
    types = []
    position = 0
    while position < len(signature):
        end = _type_end(signature, position)
        types.append(signature[position:end])
        position = end
    return types


def _type_end(signature: str, start: int) -> int:
    code = signature[start]
    if code == "a":
        return _type_end(signature, start + 1)
    if code in "({":
        closing = ")" if code == "(" else "}"
        position = start + 1
        while signature[position] != closing:
            position = _type_end(signature, position)
        return position + 1
    if code in _ALIGN:
        return start + 1
    raise ValueError(f"unknown D-Bus type {code!r}")


class _Writer:
    def __init__(self) -> None:
        self.data = bytearray()

    def pad(self, alignment: int) -> None:
        self.data.extend(b"\0" * (-len(self.data) % alignment))

    def write(self, signature: str, value: Any) -> None:
        for one, item in zip(split_signature(signature), value, strict=True):
            self._one(one, item)

    def _one(self, kind: str, value: Any) -> None:
        code = kind[0]
        self.pad(_ALIGN[code])
        if code in _FIXED:
            self.data.extend(struct.pack("<" + _FIXED[code], value))
        elif code in "so":
            encoded = str(value).encode("utf-8")
            self.data.extend(struct.pack("<I", len(encoded)) + encoded + b"\0")
        elif code == "g":
            encoded = str(value).encode("ascii")
            self.data.extend(bytes([len(encoded)]) + encoded + b"\0")
        elif code == "v":
            assert isinstance(value, Variant)
            self._one("g", value.signature)
            self._one(value.signature, value.value)
        elif code in "({":
            self.write(kind[1:-1], value)
        else:  # an array
            length_at = len(self.data)
            self.data.extend(b"\0\0\0\0")
            element = kind[1:]
            self.pad(_ALIGN[element[0]])
            start = len(self.data)
            items = value.items() if isinstance(value, dict) else value
            for item in items:
                self._one(element, item)
            struct.pack_into("<I", self.data, length_at, len(self.data) - start)


class _Reader:
    def __init__(self, data: bytes, order: str, position: int = 0) -> None:
        self.data = data
        self.order = order
        self.position = position

    def pad(self, alignment: int) -> None:
        self.position += -self.position % alignment

    def read(self, signature: str) -> list[Any]:
        return [self._one(kind) for kind in split_signature(signature)]

    def _unpack(self, fmt: str) -> Any:
        size = struct.calcsize(fmt)
        if self.position + size > len(self.data):
            raise ValueError("message ends early")
        value = struct.unpack_from(self.order + fmt, self.data, self.position)[0]
        self.position += size
        return value

    def _bytes(self, count: int) -> bytes:
        if count < 0 or self.position + count + 1 > len(self.data):
            raise ValueError("message ends early")
        chunk = self.data[self.position:self.position + count]
        self.position += count + 1  # and the NUL after it
        return chunk

    def _one(self, kind: str) -> Any:
        code = kind[0]
        self.pad(_ALIGN[code])
        if code in _FIXED:
            value = self._unpack(_FIXED[code])
            return bool(value) if code == "b" else value
        if code in "so":
            return self._bytes(self._unpack("I")).decode("utf-8", "replace")
        if code == "g":
            return self._bytes(self._unpack("B")).decode("ascii", "replace")
        if code == "v":
            inner = self._one("g")
            return Variant(inner, self._one(inner))
        if code in "({":
            return tuple(self.read(kind[1:-1]))
        length = self._unpack("I")
        element = kind[1:]
        self.pad(_ALIGN[element[0]])
        end = self.position + length
        if end > len(self.data):
            raise ValueError("message ends early")
        items = []
        while self.position < end:
            items.append(self._one(element))
        return dict(items) if element[0] == "{" else items


def encode(message: Message) -> bytes:
    """The message as bytes on the wire (little-endian)."""
    signature = message.get(Field.SIGNATURE) or ""
    body = _Writer()
    body.write(signature, message.body)
    header = _Writer()
    fields = [(int(code), Variant(_FIELD_TYPES[code], value))
              for code, value in message.fields.items()]
    header.write("yyyyuua(yv)", [ord("l"), int(message.type), 0, 1, len(body.data),
                                 message.serial, fields])
    header.pad(8)
    return bytes(header.data + body.data)


def decode(data: bytes) -> Message:
    """One whole message (``ValueError`` if it is not one)."""
    order = {ord("l"): "<", ord("B"): ">"}.get(data[0])
    if order is None:
        raise ValueError("not a D-Bus message")
    reader = _Reader(data, order)
    _, kind, _, _, _, serial, raw_fields = reader.read("yyyyuua(yv)")
    reader.pad(8)
    fields = {Field(code): variant.value for code, variant in raw_fields
              if code in Field._value2member_map_}
    body = reader.read(fields.get(Field.SIGNATURE, ""))
    return Message(MessageType(kind), serial, fields, body)


def message_length(start: bytes) -> int:
    """A whole message's length, from its first 16 bytes."""
    order = "<" if start[0] == ord("l") else ">"
    body, _, fields = struct.unpack_from(order + "III", start, 4)
    header = 16 + int(fields)
    return header + (-header % 8) + int(body)


def session_bus_address() -> str | None:
    """Where the session bus is: the environment's address, or the systemd user bus."""
    address = os.environ.get("DBUS_SESSION_BUS_ADDRESS")
    if address:
        return address
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime and os.path.exists(os.path.join(runtime, "bus")):
        return f"unix:path={os.path.join(runtime, 'bus')}"
    return None


def _socket_targets(address: str) -> list[str]:
    """The unix socket paths an address lists (abstract ones begin with a NUL)."""
    targets = []
    for entry in address.split(";"):
        transport, _, options = entry.partition(":")
        if transport != "unix":
            continue
        values = dict(option.partition("=")[::2] for option in options.split(",") if option)
        if "path" in values:
            targets.append(unquote(values["path"]))
        elif "abstract" in values:
            targets.append("\0" + unquote(values["abstract"]))
    return targets


class Connection:
    """One connection to a bus, authenticated and said hello to; ``BusError`` if it cannot."""

    def __init__(self, address: str, timeout: float = 5.0) -> None:
        self.serial = 0
        self.pending: deque[Message] = deque()
        self.buffer = b""
        self.sock = self._connect(address, timeout)
        try:
            self._authenticate(timeout)
            self.unique_name = str(self.call(BUS_SERVICE, BUS_PATH, BUS_SERVICE, "Hello",
                                             timeout=timeout)[0])
        except BaseException:
            self.sock.close()
            raise

    @staticmethod
    def _connect(address: str, timeout: float) -> socket.socket:
        reason = "the address names no unix socket"
        for target in _socket_targets(address):
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            sock.settimeout(timeout)
            try:
                sock.connect(target)
                return sock
            except OSError as exc:
                reason = exc.strerror or str(exc)
                sock.close()
        raise BusError(f"cannot reach the session bus ({reason})")

    def _authenticate(self, timeout: float) -> None:
        uid = str(os.getuid()).encode("ascii").hex().encode("ascii")
        try:
            self.sock.sendall(b"\0AUTH EXTERNAL " + uid + b"\r\n")
            answer = self._line()
            if not answer.startswith(b"OK"):
                raise BusError("the session bus refused this user")
            self.sock.sendall(b"BEGIN\r\n")
        except OSError as exc:
            raise BusError(f"the session bus went away ({exc.strerror or exc})") from None

    def _line(self) -> bytes:
        line = b""
        while not line.endswith(b"\r\n"):
            chunk = self.sock.recv(1)
            if not chunk:
                raise BusError("the session bus closed the connection")
            line += chunk
        return line

    def close(self) -> None:
        self.sock.close()

    def __enter__(self) -> Connection:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def send(self, message: Message) -> int:
        self.serial += 1
        message.serial = self.serial
        try:
            self.sock.sendall(encode(message))
        except OSError as exc:
            raise BusError(f"the session bus went away ({exc.strerror or exc})") from None
        return self.serial

    def call(self, destination: str, path: str, interface: str, member: str,
             signature: str = "", args: Sequence[Any] = (), timeout: float = 25.0) -> list[Any]:
        """The reply's values; ``BusError`` for an error reply or no reply in time."""
        fields: dict[Field, Any] = {Field.PATH: path, Field.INTERFACE: interface,
                                    Field.MEMBER: member, Field.DESTINATION: destination}
        if signature:
            fields[Field.SIGNATURE] = signature
        serial = self.send(Message(MessageType.METHOD_CALL, 0, fields, list(args)))
        deadline = time.monotonic() + timeout
        while True:
            message = self._read(deadline)
            if message is None:
                raise BusError(f"{destination} did not answer {member} in time",
                               "org.freedesktop.DBus.Error.NoReply")
            if message.get(Field.REPLY_SERIAL) != serial:
                if message.type is MessageType.SIGNAL:
                    self.pending.append(message)
                continue
            if message.type is MessageType.ERROR:
                text = message.body[0] if message.body and isinstance(message.body[0], str) \
                    else ""
                raise BusError(text, str(message.get(Field.ERROR_NAME) or ""))
            return message.body

    def add_match(self, rule: str) -> None:
        """Asks the bus for the signals ``rule`` describes."""
        self.call(BUS_SERVICE, BUS_PATH, BUS_SERVICE, "AddMatch", "s", [rule])

    def next_signal(self, deadline: float) -> Message | None:
        """The next signal before ``deadline`` (a ``time.monotonic`` time), or ``None``."""
        if self.pending:
            return self.pending.popleft()
        while True:
            message = self._read(deadline)
            if message is None or message.type is MessageType.SIGNAL:
                return message

    def _read(self, deadline: float) -> Message | None:
        """The next message, or ``None`` once ``deadline`` passes; ``BusError`` if it ends."""
        while True:
            if len(self.buffer) >= 16:
                length = message_length(self.buffer)
                if length > MAX_MESSAGE:
                    raise BusError("the session bus sent a message too large to be one")
                if len(self.buffer) >= length:
                    data, self.buffer = self.buffer[:length], self.buffer[length:]
                    try:
                        return decode(data)
                    except (ValueError, KeyError, struct.error) as exc:
                        raise BusError(f"the session bus sent a damaged message ({exc})") \
                            from None
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            ready, _, _ = select.select([self.sock], [], [], left)
            if not ready:
                return None
            try:
                chunk = self.sock.recv(65536)
            except OSError as exc:
                raise BusError(f"the session bus went away ({exc.strerror or exc})") from None
            if not chunk:
                raise BusError("the session bus closed the connection")
            self.buffer += chunk
