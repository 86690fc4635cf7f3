"""Measures the cockpit as a user's terminal sees it: the real binary in a pseudo-terminal.

Reports cold start to first frame, keystroke-to-frame latency (key written to the pty → the
last byte of the redrawn frame read back; median and p99), and the bytes written to the
terminal for a one-row cursor move and for a full view switch.

    swift build -c release
    python3 Benchmarks/cockpit_pty.py .build/release/redline                    # the demo
    .build/release/redline demo --synthetic --deals 100000 --write /tmp/syn --as-of 2026-11-23
    python3 Benchmarks/cockpit_pty.py .build/release/redline /tmp/syn           # 100k deals
"""
import fcntl
import os
import select
import statistics
import struct
import subprocess
import sys
import termios
import time

QUIET = 0.04  # a frame is done when nothing more arrives for this long


def spawn(argv, cols, rows):
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": os.environ.get("HOME", "/tmp"),
           "TERM": "xterm-256color", "LANG": "C.UTF-8"}

    def controlling_tty():
        os.setsid()
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env, preexec_fn=controlling_tty)
    os.close(slave)
    return proc, master


def read_frame(fd, timeout=20.0):
    """Reads until the terminal output goes quiet; returns (bytes, time of the last byte)."""
    data, last = b"", None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], QUIET if last else deadline - time.monotonic())
        if not ready:
            if last:
                break
            continue
        chunk = os.read(fd, 65536)
        if not chunk:
            break
        data += chunk
        last = time.monotonic()
    return data, last


def percentile(values, p):
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]


def main():
    binary = sys.argv[1]
    paths = sys.argv[2:]
    argv = [binary] + paths + ["--as-of", "2026-11-23"]

    starts = []
    for _ in range(7):
        t0 = time.monotonic()
        proc, fd = spawn(argv, 120, 40)
        _, last = read_frame(fd)
        starts.append(last - t0)
        os.write(fd, b"q")
        proc.wait(timeout=10)
        os.close(fd)

    proc, fd = spawn(argv, 120, 40)
    read_frame(fd)
    latencies, move_bytes = [], []
    for i in range(200):
        t0 = time.monotonic()
        os.write(fd, b"j" if i % 2 == 0 else b"k")
        data, last = read_frame(fd, timeout=2.0)
        if last is None:
            break  # a one-client portfolio: the selection cannot move
        latencies.append(last - t0)
        move_bytes.append(len(data))
    # The same one-row move in a list where nothing else follows the selection.
    os.write(fd, b"x")
    read_frame(fd)
    list_bytes, list_latencies = [], []
    for i in range(100):
        t0 = time.monotonic()
        os.write(fd, b"j" if i % 2 == 0 else b"k")
        data, last = read_frame(fd, timeout=5.0)
        list_bytes.append(len(data))
        list_latencies.append(last - t0)
    os.write(fd, b"p")
    read_frame(fd)
    switch_bytes, switch_times = [], []
    for _ in range(20):
        t0 = time.monotonic()
        os.write(fd, b"\r")                      # portfolio → dashboard
        data, last = read_frame(fd, timeout=10.0)
        switch_bytes.append(len(data))
        switch_times.append(last - t0)
        os.write(fd, b"p")                       # back to the portfolio
        read_frame(fd)
    os.write(fd, b"q")
    proc.wait(timeout=10)

    ms = lambda s: f"{s * 1000:.1f} ms"
    print(f"portfolio: {' '.join(paths) or 'demo'}, terminal 120x40, TERM=xterm-256color")
    print(f"cold start to first frame: median {ms(statistics.median(starts))} (7 runs)")
    if latencies:
        print(f"keystroke to frame (j/k on the portfolio): median {ms(statistics.median(latencies))}, "
              f"p99 {ms(percentile(latencies, 99))} ({len(latencies)} keys)")
        print(f"bytes for a portfolio move (rows + the KPI panel that follows the selection): "
              f"median {statistics.median(move_bytes):.0f} B, max {max(move_bytes)} B")
    print(f"keystroke to frame (j/k in the stalled-deals list, {len(list_latencies)} keys): "
          f"median {ms(statistics.median(list_latencies))}, p99 {ms(percentile(list_latencies, 99))}")
    print(f"bytes for a one-row move in that list: median {statistics.median(list_bytes):.0f} B")
    print(f"full view switch (portfolio -> dashboard): median {statistics.median(switch_bytes):.0f} B, "
          f"{ms(statistics.median(switch_times))} (20 switches)")


if __name__ == "__main__":
    main()
