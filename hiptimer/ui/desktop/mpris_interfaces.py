"""The two MPRIS interfaces as the specification declares them: each property's D-Bus type
and whether a client may set it, each method's arguments, and the introspection XML
written from those, so what the player says it has and what it answers cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

ROOT_INTERFACE = "org.mpris.MediaPlayer2"
PLAYER_INTERFACE = "org.mpris.MediaPlayer2.Player"
PROPERTIES_INTERFACE = "org.freedesktop.DBus.Properties"


class Access(StrEnum):
    READ = "read"
    READ_WRITE = "readwrite"


@dataclass(frozen=True)
class Interface:
    name: str
    properties: dict[str, tuple[str, Access]]
    """Name: (D-Bus type, access)."""
    methods: dict[str, tuple[tuple[str, str], ...]]
    """Name: its arguments in, as (name, D-Bus type)."""
    signals: dict[str, tuple[tuple[str, str], ...]]

    def signature(self, method: str) -> str:
        return "".join(kind for _, kind in self.methods[method])


ROOT = Interface(
    ROOT_INTERFACE,
    properties={
        "CanQuit": ("b", Access.READ), "CanRaise": ("b", Access.READ),
        "HasTrackList": ("b", Access.READ), "Identity": ("s", Access.READ),
        "DesktopEntry": ("s", Access.READ), "SupportedUriSchemes": ("as", Access.READ),
        "SupportedMimeTypes": ("as", Access.READ),
    },
    methods={"Raise": (), "Quit": ()},
    signals={},
)

PLAYER = Interface(
    PLAYER_INTERFACE,
    properties={
        "PlaybackStatus": ("s", Access.READ), "Metadata": ("a{sv}", Access.READ),
        "Position": ("x", Access.READ), "Rate": ("d", Access.READ_WRITE),
        "MinimumRate": ("d", Access.READ), "MaximumRate": ("d", Access.READ),
        "Volume": ("d", Access.READ_WRITE), "CanGoNext": ("b", Access.READ),
        "CanGoPrevious": ("b", Access.READ), "CanPlay": ("b", Access.READ),
        "CanPause": ("b", Access.READ), "CanSeek": ("b", Access.READ),
        "CanControl": ("b", Access.READ),
    },
    methods={
        "Next": (), "Previous": (), "Pause": (), "PlayPause": (), "Stop": (), "Play": (),
        "Seek": (("Offset", "x"),), "SetPosition": (("TrackId", "o"), ("Position", "x")),
        "OpenUri": (("Uri", "s"),),
    },
    signals={"Seeked": (("Position", "x"),)},
)

INTERFACES = {interface.name: interface for interface in (ROOT, PLAYER)}

_STANDARD = f"""  <interface name="org.freedesktop.DBus.Introspectable">
    <method name="Introspect"><arg name="xml_data" type="s" direction="out"/></method>
  </interface>
  <interface name="org.freedesktop.DBus.Peer">
    <method name="Ping"/>
  </interface>
  <interface name="{PROPERTIES_INTERFACE}">
    <method name="Get">
      <arg name="interface_name" type="s" direction="in"/>
      <arg name="property_name" type="s" direction="in"/>
      <arg name="value" type="v" direction="out"/>
    </method>
    <method name="GetAll">
      <arg name="interface_name" type="s" direction="in"/>
      <arg name="properties" type="a{{sv}}" direction="out"/>
    </method>
    <method name="Set">
      <arg name="interface_name" type="s" direction="in"/>
      <arg name="property_name" type="s" direction="in"/>
      <arg name="value" type="v" direction="in"/>
    </method>
    <signal name="PropertiesChanged">
      <arg name="interface_name" type="s"/>
      <arg name="changed_properties" type="a{{sv}}"/>
      <arg name="invalidated_properties" type="as"/>
    </signal>
  </interface>
"""


def _interface_xml(interface: Interface) -> str:
    lines = [f'  <interface name="{interface.name}">']
    for name, arguments in interface.methods.items():
        if not arguments:
            lines.append(f'    <method name="{name}"/>')
            continue
        lines.append(f'    <method name="{name}">')
        lines += [f'      <arg name="{arg}" type="{kind}" direction="in"/>'
                  for arg, kind in arguments]
        lines.append("    </method>")
    for name, arguments in interface.signals.items():
        lines.append(f'    <signal name="{name}">')
        lines += [f'      <arg name="{arg}" type="{kind}"/>' for arg, kind in arguments]
        lines.append("    </signal>")
    lines += [f'    <property name="{name}" type="{kind}" access="{access.value}"/>'
              for name, (kind, access) in interface.properties.items()]
    lines.append("  </interface>")
    return "\n".join(lines) + "\n"


INTROSPECTION = ('<!DOCTYPE node PUBLIC "-//freedesktop//DTD D-BUS Object Introspection 1.0//EN"'
                 '\n "http://www.freedesktop.org/standards/dbus/1.0/introspect.dtd">\n<node>\n'
                 + _STANDARD + "".join(_interface_xml(i) for i in INTERFACES.values())
                 + "</node>\n")
"""What ``Introspect`` on the player's object answers."""
