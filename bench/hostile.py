"""How long does a hostile routine file take to refuse? Every one should take well under a second.

Loads every file in ``tests/hostile`` and a set of generated inputs of the full size limit
(1 MiB: a huge list, a huge mapping, one huge line, a huge key, spaces in a duration, deep
nesting, aliases, blank lines, comments), each several times, and prints the slowest, with
libyaml reading the YAML and again with PyYAML's own (slower) parser. Also prints the peak
memory taken by the slowest 1 MiB input. Target: under 0.25 s for any input with libyaml.

    .venv/bin/python bench/hostile.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import statistics
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import yaml

from hiptimer.routine import RoutineError, load_routine, parse_routine, source

HOSTILE = Path(__file__).resolve().parent.parent / "tests" / "hostile"
LIMIT = source.MAX_BYTES
EXERCISE = "exercises: [{name: a, hold: 5}]\n"


def fill(head: str, unit: str, tail: str = "") -> bytes:
    """``head``, then ``unit`` repeated to fill the size limit exactly, then ``tail``."""
    room = LIMIT - len(head.encode()) - len(tail.encode())
    body = (unit * (room // len(unit.encode()) + 1)).encode()[:room]
    return head.encode() + body + tail.encode()


def full_size_inputs() -> dict[str, bytes]:
    inputs = {
        "exercise list": fill("name: x\nexercises:\n", "  - {name: a, hold: 5}\n"),
        "flow list": fill("name: [", "1, ", "]\n"),
        "block list": fill("name:\n", "- 1\n"),
        "mapping": fill("", "k: 1\n"),
        "one long line": fill("name: ", "a", "\n" + EXERCISE),
        "long quoted line": fill('name: "', "a", '"\n' + EXERCISE),
        "spaces in a hold": fill("name: x\nexercises: [{name: a, hold: '1", " ", "x'}]\n"),
        "letters in a range": fill("name: x\nexercises: [{name: a, hold: '1-", "a", "!'}]\n"),
        "comment": fill("name: x\n" + EXERCISE + "#", "a", "\n"),
        "blank lines": fill("name: x\n" + EXERCISE, "\n"),
        "flow nesting": fill("name: ", "["),
        "block nesting": fill("", "a:\n  "),
        "anchors": fill("name: x\nexercises:\n", "  - &a {name: a, hold: 5}\n"),
        "escapes": fill('name: "', "\\x41", '"\n' + EXERCISE),
        "explicit key": fill("? ", "k", "\n: 1\n"),
    }
    for name, data in inputs.items():
        assert len(data) == LIMIT, name
    return inputs


def seconds(load: Callable[[], object], repeat: int) -> float:
    """The median time ``load`` takes to return or to raise ``RoutineError``."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        with contextlib.suppress(RoutineError):
            load()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def peak_memory(data: bytes) -> float:
    """MiB allocated at the peak while refusing (or loading) ``data``."""
    tracemalloc.start()
    with contextlib.suppress(RoutineError):
        parse_routine(data, "bench.yaml")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


def report(engine: str, repeat: int) -> None:
    source.FAST = engine == "libyaml"
    corpus = {p.name: seconds(functools.partial(load_routine, p), repeat)
              for p in sorted(HOSTILE.glob("*.yaml"))}
    full = {name: seconds(functools.partial(parse_routine, data, "bench.yaml"), repeat)
            for name, data in full_size_inputs().items()}
    worst_file = max(corpus, key=corpus.__getitem__)
    worst_full = max(full, key=full.__getitem__)
    print(f"{engine}:")
    print(f"  {len(corpus)} hostile files: slowest {corpus[worst_file]:.3f} s ({worst_file}), "
          f"all together {sum(corpus.values()):.3f} s")
    print(f"  {len(full)} inputs of 1 MiB: slowest {full[worst_full]:.3f} s ({worst_full}), "
          f"peak memory {peak_memory(full_size_inputs()[worst_full]):.1f} MiB")
    for name, taken in sorted(full.items(), key=lambda item: -item[1]):
        print(f"    {taken:7.3f} s  {name}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per input (median shown)")
    args = parser.parse_args()
    engines = ["libyaml", "pyyaml"] if yaml.__with_libyaml__ else ["pyyaml"]
    for engine in engines:
        report(engine, args.repeat)


if __name__ == "__main__":
    main()
