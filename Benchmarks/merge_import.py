"""Times `redline import` merging a second export into a file made from a first (not a test).

For each size N: a synthetic Maven-shaped export (make_import_csv.py), imported with --apply
as of 2017-12-31; then a second export of the same deals two weeks later with what a CRM
changes in between (stage moves dated before the first export, close-date and amount changes,
new owners and accounts, deals gone, new deals), merged with a dry run, then --apply, then
--apply again (nothing moved: no write). Add -v to see the merge summaries.

    swift build -c release --product redline
    python3 Benchmarks/merge_import.py .build/release/redline 10000 100000 300000 [--timeout 600]

Prints one markdown row per size: wall time of each step and the peak RSS of the merge.
"""
import csv
import os
import random
import subprocess
import sys
import tempfile
import time

STOPPED = -1.0
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
MAPPING = os.path.join(ROOT, "Examples", "maven-crm", "mapping.toml")


def second_export(first, second):
    """The same CRM two weeks later: about 8% of the deals changed, 1% gone, 1% new."""
    rng = random.Random(11)
    with open(first, newline="") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    out = []
    for r in body:
        roll = rng.random()
        stage = r[4]
        if roll < 0.01:
            continue                                   # gone from the CRM
        if stage in ("Engaging", "Prospecting") and roll < 0.05:
            r[4] = rng.choice(["Won", "Lost"])         # closed, with a close date before the first export
            r[6] = "2017-12-%02d" % rng.randint(1, 30)
            r[7] = str(rng.randint(40, 30000)) if r[4] == "Won" else "0"
            if not r[5]:
                r[5] = "2017-12-01"
        elif stage == "Prospecting" and roll < 0.2:
            r[4], r[5] = "Engaging", "2017-12-%02d" % rng.randint(1, 30)
        elif stage == "Won" and roll < 0.03:
            r[7] = str(int(r[7] or 0) + 100)           # amount corrected
        elif stage == "Won" and roll < 0.05:
            r[6] = "2018-01-%02d" % rng.randint(1, 14)  # close date corrected
        elif roll < 0.06:
            r[1] = "Agent %d" % rng.randint(1, 60)     # new owner
        elif roll < 0.07:
            r[3] = "Account %d" % rng.randint(1, 400)  # new account
        out.append(r)
    for i in range(len(body) // 100):
        out.append(["NEW%08d" % i, "Agent 1", "GTX Basic", "", "Engaging", "2018-01-05", "", ""])
    with open(second, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(out)


def timed(args, timeout):
    """Runs under /usr/bin/time for the peak RSS."""
    start = time.perf_counter()
    # A session of its own, so a timeout stops redline too, not only /usr/bin/time.
    p = subprocess.Popen(["/usr/bin/time", "-f", "%M"] + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         start_new_session=True)
    try:
        out, err = p.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, 9)
        p.communicate()
        return STOPPED, None, ""
    wall = time.perf_counter() - start
    if p.returncode != 0:
        sys.exit("failed: %s\n%s%s" % (" ".join(args), out.decode(), err.decode()))
    rss = int(err.decode().strip().splitlines()[-1]) / 1024
    return wall, rss, out.decode()


def main():
    argv = sys.argv[1:]
    timeout = None
    if "--timeout" in argv:
        i = argv.index("--timeout")
        timeout = float(argv[i + 1])
        del argv[i:i + 2]
    verbose = "-v" in argv
    argv = [a for a in argv if a != "-v"]
    redline, sizes = argv[0], [int(n) for n in argv[1:]] or [10000, 100000, 300000]
    print("| deals | file | first import | merge, dry run | merge, --apply | same export again | peak RSS (merge) |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for n in sizes:
        with tempfile.TemporaryDirectory() as d:
            first, second, into = (os.path.join(d, x) for x in ("first.csv", "second.csv", "crm.json"))
            subprocess.run([sys.executable, os.path.join(HERE, "make_import_csv.py"), str(n), first], check=True)
            second_export(first, second)
            base = [redline, "import", "--mapping", MAPPING, "--into", into]
            t_first, _, _ = timed(base + [first, "--as-of", "2017-12-31", "--apply"], timeout)
            size = os.path.getsize(into) / 1e6
            t_dry, _, _ = timed(base + [second, "--as-of", "2018-01-15"], timeout)
            t_apply, rss, out, t_again = None, None, "", None
            if t_dry != STOPPED:
                t_apply, rss, out = timed(base + [second, "--as-of", "2018-01-15", "--apply"], timeout)
            if t_apply not in (None, STOPPED):
                t_again, _, _ = timed(base + [second, "--as-of", "2018-01-15", "--apply"], timeout)
            fmt = lambda t: "not run" if t is None else "> %d s (stopped)" % timeout if t == STOPPED else "%.2f s" % t
            print("| %s | %.1f MB | %s | %s | %s | %s | %s |" % (
                format(n, ","), size, fmt(t_first), fmt(t_dry), fmt(t_apply), fmt(t_again),
                "%d MB" % rss if rss else "—"), flush=True)
            if verbose:
                print(out)


if __name__ == "__main__":
    main()
