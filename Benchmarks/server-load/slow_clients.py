#!/usr/bin/env python3
"""Misbehaving clients for Benchmarks/server-slow-clients.sh: hold many connections to a server
the way an attacker or a broken client would, for a fixed time, and report what the server did
with them.

Kinds (each connection reconnects as soon as the server closes it, so the pressure never drops):
  slow    slowloris: a request head sent one byte every --interval seconds, never finished;
  silent  connects and sends nothing;
  idle    sends one whole request, reads the answer, then stays silent (keep-alive idler).

Prints one RESULT line per kind: connections opened, closed by the server, how long the closed
ones lived (median and max seconds; from the connection, or for idle ones from the answer), and
how many were still open at the end. A life counts from when this client's connect succeeded, which
is when the kernel completed the handshake: under load the server may accept the connection (and
start its clock) later, so lives are the server's timeouts plus that wait.

Usage: slow_clients.py HOST PORT SECONDS --slow N --silent N --idle N [--interval S] [--path P]
"""
import argparse
import asyncio
import statistics
import time


class Tally:
    def __init__(self):
        self.opened = 0
        self.closed_by_server = 0
        self.lifetimes = []
        self.open_now = 0
        self.connect_failures = 0


async def wait_closed(reader, deadline):
    """Reads (and drops) until the server closes or the deadline passes; True when it closed."""
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return False
        try:
            data = await asyncio.wait_for(reader.read(65536), timeout=left)
        except asyncio.TimeoutError:
            return False
        except (ConnectionResetError, BrokenPipeError):
            return True
        if not data:
            return True


async def one(kind, host, port, deadline, interval, path, tally):
    head = f"GET {path} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: slow\r\nX-Padding: {'a' * 200}\r\n"
    while time.monotonic() < deadline:
        try:
            reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port), timeout=5)
        except (OSError, asyncio.TimeoutError):
            tally.connect_failures += 1
            await asyncio.sleep(0.5)
            continue
        tally.opened += 1
        tally.open_now += 1
        started = time.monotonic()
        closed = False
        try:
            if kind == "slow":
                for byte in head.encode():
                    if time.monotonic() >= deadline:
                        break
                    writer.write(bytes([byte]))
                    await writer.drain()
                    if await wait_closed(reader, min(deadline, time.monotonic() + interval)):
                        closed = True
                        break
                else:
                    closed = await wait_closed(reader, deadline)
            elif kind == "silent":
                closed = await wait_closed(reader, deadline)
            else:  # idle: one whole request, then silence (its life counts from the answer)
                writer.write((head + "\r\n").encode())
                await writer.drain()
                answer = await asyncio.wait_for(reader.read(65536), timeout=max(0.1, deadline - time.monotonic()))
                started = time.monotonic()
                closed = not answer or await wait_closed(reader, deadline)
        except (ConnectionResetError, BrokenPipeError):
            closed = True
        except asyncio.TimeoutError:
            closed = False
        tally.open_now -= 1
        if closed:
            tally.closed_by_server += 1
            tally.lifetimes.append(time.monotonic() - started)
        writer.close()


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("host")
    parser.add_argument("port", type=int)
    parser.add_argument("seconds", type=float)
    parser.add_argument("--slow", type=int, default=0)
    parser.add_argument("--silent", type=int, default=0)
    parser.add_argument("--idle", type=int, default=0)
    parser.add_argument("--interval", type=float, default=1.0)
    parser.add_argument("--path", default="/feeds/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.ics")
    args = parser.parse_args()
    deadline = time.monotonic() + args.seconds
    tallies = {kind: Tally() for kind in ("slow", "silent", "idle")}
    tasks = []
    for kind, count in (("slow", args.slow), ("silent", args.silent), ("idle", args.idle)):
        for _ in range(count):
            tasks.append(asyncio.create_task(one(kind, args.host, args.port, deadline, args.interval, args.path, tallies[kind])))
            if len(tasks) % 200 == 0:
                await asyncio.sleep(0.05)  # open them over a moment, not in one SYN flood
    await asyncio.gather(*tasks)
    for kind, tally in tallies.items():
        if tally.opened == 0 and tally.connect_failures == 0:
            continue
        lives = tally.lifetimes or [0.0]
        print(f"RESULT kind={kind} opened={tally.opened} closed_by_server={tally.closed_by_server} "
              f"median_life_s={statistics.median(lives):.1f} max_life_s={max(lives):.1f} "
              f"open_at_end={tally.opened - tally.closed_by_server} connect_failures={tally.connect_failures}", flush=True)


if __name__ == "__main__":
    asyncio.run(main())
