"""Two builds of redline, run one after the other on the read-only rows of issue 15's table.

Alternating runs (before, after, before, after, ...) put both under the same noise of a shared
machine; the median of each and the ratio are printed, with peak RSS from `/usr/bin/time -v`:

    python3 Benchmarks/ab.py /tmp/redline-before .build/release/redline 10000 100000 --runs 5
    python3 Benchmarks/ab.py /tmp/redline-before .build/release/redline 1000000 --runs 1

Uses the synthetic engagements `scale.py` writes (under `--work`, made when missing).
"""
import argparse
import os
import statistics
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from scale import AS_OF, human_bytes, human_time, timed  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("before")
    parser.add_argument("after")
    parser.add_argument("sizes", nargs="*", type=int, default=[10000, 100000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", default="/tmp/redline-scale")
    args = parser.parse_args()
    binaries = [os.path.abspath(args.before), os.path.abspath(args.after)]

    print("| deals | what | before | after | after / before | RSS before | RSS after |")
    print("| ---: | --- | ---: | ---: | ---: | ---: | ---: |")
    for n in args.sizes:
        folder = os.path.join(args.work, f"syn-{n}")
        path = os.path.join(folder, f"synthetic-{n}.json")
        if not os.path.exists(path):
            subprocess.run([binaries[1], "demo", "--synthetic", "--deals", str(n), "--write", folder, "--as-of", AS_OF],
                           check=True, stdout=subprocess.DEVNULL)
        rows = [
            ("report --format json", ["report", path, "--as-of", AS_OF, "--format", "json"]),
            ("report (text)", ["report", path, "--as-of", AS_OF]),
            ("check", ["check", path]),
        ]
        for name, argv in rows:
            times, rss = ([], []), ([], [])
            for _ in range(args.runs):
                for k, binary in enumerate(binaries):
                    seconds, peak = timed([binary] + argv)
                    times[k].append(seconds)
                    rss[k].append(peak)
            before, after = statistics.median(times[0]), statistics.median(times[1])
            print(f"| {n:,} | {name} | {human_time(before)} | {human_time(after)} | {after / before:.2f} "
                  f"| {human_bytes(statistics.median(rss[0]))} | {human_bytes(statistics.median(rss[1]))} |", flush=True)


if __name__ == "__main__":
    main()
