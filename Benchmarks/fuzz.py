"""Long fuzz run of the release binary over mutants of the demo engagement files.

    swift build -c release
    python3 Benchmarks/fuzz.py [N] [--binary .build/release/redline] [--out /tmp/redline-fuzz]
                               [--seed 1] [--batch 25] [--as-of 2026-11-23]

Writes N mutants (default 20000) of the demo files, deterministic for a seed, and runs
`redline check`, `redline report --format text|markdown|json` and `redline autopsy list` over
them, a batch of mutants per run (a batch that dies is rerun one mutant at a time). Any run
that ends on a signal (exit status > 128, or killed: a trap, a bus error, an abort on memory)
is reported with its mutant saved in --out for reproduction. Each run gets 4 GiB of address
space and 120 s. Exit status 1 when any run died.

Mutations (1 to 3 per mutant): numbers replaced by extreme values (1e25, 1e300, -1e300, 0,
-0, huge integers, 1e-300, ...), strings by huge or hostile text, values by another JSON type,
members and array elements deleted or duplicated (also many times over, and duplicate keys),
ids swapped for other ids; then sometimes the text is truncated or a byte flipped.
"""
import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time

NUMBERS = ["1e25", "1e300", "-1e300", "0", "-0", "-0.0", "1e-300", "-1e-300", "9223372036854775807",
           "9223372036854775808", "-9223372036854775809", "184467440737095516160", "1.7976931348623157e308",
           "4.9e-324", "1e15", "1000000000000001", "-1", "0.5", "2", "1e308", "123456789012345678901234567890",
           "0.1e1", "1E400", "-1E400", "100000", "3"]
STRINGS = ["", " ", "x" * 100_000, "\u00e9" * 5000, "\U0001F4A5" * 3000, "\u202e\u202d", "\u0000", "\u001b[2J\u001b[31m",
           "\r\n\t", "\"'\\", "%s%n%x", "../../etc/passwd", "\ufeff", "\u0301" * 200, "9999-12-31", "0000-01-01",
           "0001-01-01", "2027-W53", "2026-02-29", "2024-02-29", "1970-01-01", "won", "lost", "new_logo", "renewal",
           "done", "planned", "open", "2026-Q4", "2026-Q5", "2026-13", "9999-99", "NaN", "Infinity", "null",
           "\ud7ff\ue000", "a" * 300]
OTHERS = [None, True, False, [], {}, "1", 1, [[]], {"": {}}]


class Raw:
    """A number kept as written, so 1e300 stays 1e300."""
    def __init__(self, text):
        self.text = text


class Obj:
    """An object as a list of members: duplicate keys are kept."""
    def __init__(self, pairs):
        self.pairs = [list(p) for p in pairs]


def parse(text):
    return json.loads(text, object_pairs_hook=Obj, parse_float=Raw, parse_int=Raw, parse_constant=Raw)


def dump(v, out):
    if isinstance(v, Raw):
        out.append(v.text)
    elif isinstance(v, Obj):
        out.append("{")
        for i, (k, x) in enumerate(v.pairs):
            if i:
                out.append(",\n")
            out.append(json.dumps(k, ensure_ascii=False))
            out.append(": ")
            dump(x, out)
        out.append("}")
    elif isinstance(v, list):
        out.append("[")
        for i, x in enumerate(v):
            if i:
                out.append(",\n")
            dump(x, out)
        out.append("]")
    else:
        out.append(json.dumps(v, ensure_ascii=False))


def slots(v, acc):
    """Every (container, key-or-index) that holds a value, containers first."""
    if isinstance(v, Obj):
        for i, p in enumerate(v.pairs):
            acc.append((v, i))
            slots(p[1], acc)
    elif isinstance(v, list):
        for i, x in enumerate(v):
            acc.append((v, i))
            slots(x, acc)
    return acc


def get(c, i):
    return c.pairs[i][1] if isinstance(c, Obj) else c[i]


def put(c, i, x):
    if isinstance(c, Obj):
        c.pairs[i][1] = x
    else:
        c[i] = x


def mutate(tree, rng):
    all_slots = slots(tree, [])
    if not all_slots:
        return
    strings = [get(c, i) for c, i in all_slots if isinstance(get(c, i), str)]
    c, i = rng.choice(all_slots)
    v = get(c, i)
    op = rng.randrange(9)
    if op <= 2:  # the most telling: a value of the same kind made extreme
        if isinstance(v, Raw) or (op == 0 and not isinstance(v, str)):
            put(c, i, Raw(rng.choice(NUMBERS)))
        elif isinstance(v, str):
            put(c, i, rng.choice(STRINGS) if rng.random() < 0.7 else rng.choice(strings))
        else:
            numbers = [(cc, ii) for cc, ii in all_slots if isinstance(get(cc, ii), Raw)]
            if numbers:
                cc, ii = rng.choice(numbers)
                put(cc, ii, Raw(rng.choice(NUMBERS)))
    elif op == 3:
        put(c, i, rng.choice(OTHERS))
    elif op == 4:  # delete
        if isinstance(c, Obj):
            del c.pairs[i]
        else:
            del c[i]
    elif op == 5:  # duplicate, sometimes many times
        times = rng.choice([1, 1, 1, 10, 1000])
        if isinstance(c, Obj):
            for _ in range(min(times, 10)):
                c.pairs.insert(i + 1, [c.pairs[i][0], rng.choice([v, Raw(rng.choice(NUMBERS)), rng.choice(STRINGS)])])
        else:
            for _ in range(times):
                c.insert(i + 1, v)
    elif op == 6:  # a huge string wherever strings are, named from many places
        big = "s" * rng.choice([1000, 100_000, 1_000_000])
        for cc, ii in all_slots:
            if get(cc, ii) == v and isinstance(v, str):
                put(cc, ii, big)
    elif op == 7:  # swap two values (not one with a value inside it: that would make a cycle)
        c2, i2 = rng.choice(all_slots)
        v2 = get(c2, i2)
        inside = lambda outer, inner: any(cc is inner for cc, _ in slots(outer, [])) or outer is inner
        if not inside(v, c2) and not inside(v2, c):
            put(c, i, v2)
            put(c2, i2, v)
    else:  # extreme value inside every number of one container
        box = v if isinstance(v, (Obj, list)) else c
        for cc, ii in slots(box, []):
            if isinstance(get(cc, ii), Raw):
                put(cc, ii, Raw(rng.choice(NUMBERS)))


def make_mutant(base, rng):
    tree = parse(base)
    for _ in range(rng.choice([1, 1, 2, 3])):
        mutate(tree, rng)
    out = []
    dump(tree, out)
    data = "".join(out).encode("utf-8", "surrogatepass")
    r = rng.random()
    if r < 0.05 and data:
        data = data[:rng.randrange(len(data))]
    elif r < 0.10 and data:
        k = rng.randrange(len(data))
        data = data[:k] + bytes([data[k] ^ (1 << rng.randrange(8))]) + data[k + 1:]
    return data


def limit():
    resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))


def run(binary, args):
    """Exit status; a signal is 128 + its number, a timeout 128 + 9."""
    try:
        p = subprocess.run([binary] + args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=120,
                           preexec_fn=limit)
    except subprocess.TimeoutExpired:
        return 128 + 9, b"timeout"
    code = p.returncode
    return (128 - code if code < 0 else code), p.stderr[-300:]


COMMANDS = [["check"], ["report", "--format", "text"], ["report", "--format", "markdown"],
            ["report", "--format", "json"], ["autopsy", "list"]]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("n", nargs="?", type=int, default=20000)
    ap.add_argument("--binary", default=".build/release/redline")
    ap.add_argument("--out", default="/tmp/redline-fuzz")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--batch", type=int, default=25)
    ap.add_argument("--as-of", default="2026-11-23")
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    work = tempfile.mkdtemp(prefix="redline-fuzz-")
    demo = os.path.join(work, "demo")
    subprocess.run([a.binary, "demo", "--write", demo, "--as-of", a.as_of], check=True, stdout=subprocess.DEVNULL)
    bases = [open(os.path.join(demo, f), encoding="utf-8").read() for f in sorted(os.listdir(demo))]
    rng = random.Random(a.seed)
    started = time.time()
    crashes = runs = 0
    done = 0
    while done < a.n:
        batch = os.path.join(work, "batch")
        shutil.rmtree(batch, ignore_errors=True)
        os.makedirs(batch)
        names = []
        for k in range(min(a.batch, a.n - done)):
            name = f"m{done + k:06d}.json"
            with open(os.path.join(batch, name), "wb") as f:
                f.write(make_mutant(rng.choice(bases), rng))
            names.append(name)
        for cmd in COMMANDS:
            runs += 1
            code, _ = run(a.binary, cmd + [batch, "--as-of", a.as_of] if cmd[0] != "check" else cmd + [batch])
            if code <= 128:
                continue
            for name in names:  # which mutant: one at a time
                path = os.path.join(batch, name)
                args = cmd + [path] + (["--as-of", a.as_of] if cmd[0] != "check" else [])
                runs += 1
                code, err = run(a.binary, args)
                if code > 128:
                    crashes += 1
                    saved = os.path.join(a.out, f"seed{a.seed}-{name}")
                    shutil.copy(path, saved)
                    print(f"SIGNAL exit {code}: redline {' '.join(cmd)} {saved}"
                          f"{' --as-of ' + a.as_of if cmd[0] != 'check' else ''}\n  {err.decode(errors='replace').strip()[-200:]}",
                          flush=True)
        done += len(names)
        if done % 1000 < a.batch:
            print(f"{done} mutants, {runs} runs, {crashes} crashes, {time.time() - started:.0f} s", flush=True)
    shutil.rmtree(work, ignore_errors=True)
    print(f"done: {done} mutants, {runs} runs, {crashes} signal exits, {time.time() - started:.0f} s; mutants kept in {a.out}")
    sys.exit(1 if crashes else 0)


if __name__ == "__main__":
    main()
