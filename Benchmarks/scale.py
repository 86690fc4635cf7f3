"""The performance table of issue 15, whole processes, at several portfolio sizes.

For each size N it writes the synthetic engagement (`redline demo --synthetic --deals N`) and a
Maven-shaped CRM export of N rows, then times each row of the table with `/usr/bin/time -v`
(wall clock and peak RSS of the whole process; the median of `--runs` runs, RSS of that run):

    swift build -c release --product redline
    python3 Benchmarks/scale.py .build/release/redline                  # 10k, 100k, 1M
    python3 Benchmarks/scale.py .build/release/redline 10000 100000 --runs 5

Rows: the JSON report, the text report, `check`, the cockpit's first frame (a pseudo-terminal
at 120x40; the time until the first frame that shows the portfolio's data), one save
(`redline target set`: lock, read, edit, check, atomic write) and the import of the CSV export.
Files are kept under `--work` (default /tmp/redline-scale) and reused when present.
"""
import argparse
import os
import re
import select
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cockpit_pty import spawn  # noqa: E402

AS_OF = "2026-11-23"


def timed(argv, env=None):
    """Runs argv under /usr/bin/time -v; returns (seconds, peak RSS bytes)."""
    out = subprocess.run(["/usr/bin/time", "-v"] + argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                         env=env, text=True)
    if out.returncode not in (0, 1):
        sys.exit(f"failed ({out.returncode}): {' '.join(argv)}\n{out.stderr[-2000:]}")
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)", out.stderr)
    h, m, s = wall.groups()
    seconds = int(h or 0) * 3600 + int(m) * 60 + float(s)
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", out.stderr).group(1)) * 1024
    return seconds, rss


def cockpit_frames(binary, path):
    """Seconds from spawn to the end of the first frame (the loading screen's, drawn whole, on a
    large file; else the first burst of output followed by 30 ms of quiet), to
    the end of the first frame that shows the portfolio's clients, and the peak RSS."""
    rss_file = path + ".cockpit-time"
    argv = ["/usr/bin/time", "-v", "-o", rss_file, binary, path, "--as-of", AS_OF]
    t0 = time.monotonic()
    proc, fd = spawn(argv, 120, 40)
    seen, last, first, deadline = b"", None, None, time.monotonic() + 300
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.03)
        if ready:
            chunk = os.read(fd, 65536)
            if not chunk:
                break
            seen += chunk
            last = time.monotonic()
            # The loading screen's last line: its first frame is whole (it redraws its progress
            # every 10 ms after, so its output never goes quiet while a large file loads).
            if first is None and b"q quits" in seen:
                first = last - t0
        elif last is not None:
            if first is None:
                first = last - t0  # the first burst of output went quiet: a whole frame
            if b"Clients" in seen:
                break
    shown = (last or time.monotonic()) - t0
    os.write(fd, b"q")
    proc.wait(timeout=30)
    os.close(fd)
    with open(rss_file) as f:
        rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", f.read()).group(1)) * 1024
    return first or shown, shown, rss


def median_run(fn, runs):
    results = sorted((fn() for _ in range(runs)), key=lambda r: r[0])
    return results[len(results) // 2]


def human_bytes(n):
    for unit, size in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if n >= size:
            return f"{n / size:.1f} {unit}"
    return f"{n} B"


def human_time(s):
    return f"{s * 1000:.0f} ms" if s < 1 else f"{s:.2f} s"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("sizes", nargs="*", type=int, default=[10000, 100000, 1000000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", default="/tmp/redline-scale")
    args = parser.parse_args()
    binary = os.path.abspath(args.binary)
    here = os.path.dirname(os.path.abspath(__file__))
    mapping = os.path.join(here, "..", "Examples", "maven-crm", "mapping.toml")
    os.makedirs(args.work, exist_ok=True)

    rows = []
    for n in args.sizes:
        folder = os.path.join(args.work, f"syn-{n}")
        path = os.path.join(folder, f"synthetic-{n}.json")
        if not os.path.exists(path):
            subprocess.run([binary, "demo", "--synthetic", "--deals", str(n), "--write", folder, "--as-of", AS_OF],
                           check=True, stdout=subprocess.DEVNULL)
        csv = os.path.join(args.work, f"import-{n}.csv")
        if not os.path.exists(csv):
            subprocess.run([sys.executable, os.path.join(here, "make_import_csv.py"), str(n), csv], check=True,
                           stdout=subprocess.DEVNULL)
        size = os.path.getsize(path)
        scratch = os.path.join(args.work, f"save-{n}.json")

        def save():
            subprocess.run(["cp", path, scratch], check=True)
            return timed([binary, "target", "set", scratch, "--kpi", "pipeline_velocity", "--quarter", "2027-Q1",
                          "--change", "0.15"])

        measured = [
            ("report --format json", median_run(lambda: timed([binary, "report", path, "--as-of", AS_OF, "--format", "json"]), args.runs)),
            ("report (text)", median_run(lambda: timed([binary, "report", path, "--as-of", AS_OF]), args.runs)),
            ("check", median_run(lambda: timed([binary, "check", path]), args.runs)),
            ("cockpit, first frame", median_run(lambda: (lambda r: (r[0], r[2]))(cockpit_frames(binary, path)), args.runs)),
            ("cockpit, portfolio on screen", median_run(lambda: (lambda r: (r[1], r[2]))(cockpit_frames(binary, path)), args.runs)),
            ("one save (target set)", median_run(save, args.runs)),
            (f"import {n:,} CSV rows (dry run)", median_run(lambda: timed(
                [binary, "import", csv, "--mapping", mapping, "--into", os.path.join(args.work, "import.json"),
                 "--as-of", "2017-12-31"]), max(1, args.runs if n < 1000000 else 1))),
        ]
        for name, (seconds, rss) in measured:
            extra = f"{size / seconds / 1e6:.0f} MB/s" if name == "check" else ""
            if name.startswith("import"):
                extra = f"{n / seconds:,.0f} rows/s"
            rows.append((n, human_bytes(size), name, human_time(seconds), human_bytes(rss), f"{rss / size:.1f}x", extra))
            print(f"{n:>9,}  {name:<34} {human_time(seconds):>9}  RSS {human_bytes(rss):>9}  {extra}", file=sys.stderr)

    print("| deals | file | what | time | peak RSS | RSS / file | rate |")
    print("| ---: | ---: | --- | ---: | ---: | ---: | ---: |")
    for n, size, name, t, rss, ratio, extra in rows:
        print(f"| {n:,} | {size} | {name} | {t} | {rss} | {ratio} | {extra} |")


if __name__ == "__main__":
    main()
