"""Measures the search of every client's deals (`/` on the portfolio) in a pseudo-terminal:
keystroke to the last byte of the redrawn results, for each character typed and each
Backspace, on the real binary (see cockpit_pty.py for how a frame is read back).

    swift build -c release
    .build/release/redline demo --synthetic --deals 100000 --write /tmp/syn --as-of 2026-11-23
    python3 Benchmarks/cockpit_search.py .build/release/redline /tmp/syn
"""
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cockpit_pty import percentile, read_frame, spawn  # noqa: E402

QUERIES = ["cyberdyne mobility", "d-12345", "rep-23", "a"]


def main():
    binary = sys.argv[1]
    paths = sys.argv[2:]
    cols, rows = (int(v) for v in os.environ.get("SIZE", "120x40").split("x"))
    proc, fd = spawn([binary] + paths + ["--as-of", "2026-11-23"], cols, rows)
    # The load shows progress first: wait for the portfolio (its title), then for quiet.
    seen, deadline = b"", time.monotonic() + 120
    while b"worst first" not in seen and time.monotonic() < deadline:
        data, _ = read_frame(fd, timeout=5.0)
        seen += data
    while read_frame(fd, timeout=0.5)[1] is not None:
        pass
    os.write(fd, b"/")
    read_frame(fd)
    typed, erased = {}, {}
    for _ in range(5):
        for q in QUERIES:
            for c in q:
                t0 = time.monotonic()
                os.write(fd, c.encode())
                _, last = read_frame(fd, timeout=10.0)
                typed.setdefault(q, []).append(last - t0)
            for _ in q:
                t0 = time.monotonic()
                os.write(fd, b"\x7f")
                _, last = read_frame(fd, timeout=10.0)
                erased.setdefault(q, []).append(last - t0)
    os.write(fd, b"\x1b")
    read_frame(fd)
    os.write(fd, b"q")
    proc.wait(timeout=10)
    ms = lambda s: f"{s * 1000:.1f} ms"
    print(f"portfolio: {' '.join(paths) or 'demo'}, terminal {cols}x{rows}; 5 rounds of each query")
    for q in QUERIES:
        print(f"typing {q!r}: median {ms(statistics.median(typed[q]))}, p99 {ms(percentile(typed[q], 99))}; "
              f"Backspace: median {ms(statistics.median(erased[q]))}, p99 {ms(percentile(erased[q], 99))}")


if __name__ == "__main__":
    main()
