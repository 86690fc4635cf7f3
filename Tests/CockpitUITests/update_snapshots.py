#!/usr/bin/env python3
"""Rewrites the expected screens of the snapshot tests from a dump folder.

REDLINE_SNAPSHOT_DUMP=/tmp/snap swift test --filter ScreenSnapshotTests
python3 Tests/CockpitUITests/update_snapshots.py /tmp/snap
Review the diff before committing: a snapshot change is a change of what users see.
The tests live in ScreenSnapshotTests.swift and in files extending that suite
(PortfolioSnapshotTests.swift); each test is found in whichever file has it.
"""
import pathlib, re, sys

dump = pathlib.Path(sys.argv[1])
folder = pathlib.Path(__file__).parent
files = [folder / "ScreenSnapshotTests.swift"] + sorted(p for p in folder.glob("*SnapshotTests.swift") if p.name != "ScreenSnapshotTests.swift")
texts = {p: p.read_text() for p in files}
for f in sorted(dump.glob("*.txt")):
    name = f.stem
    pattern = re.compile(r'(@Test func ' + re.escape(name) + r'\(\) \{.*?#"""\n)(.*?)(\n"""#)', re.S)
    n = 0
    for p in files:
        texts[p], n = pattern.subn(lambda m: m.group(1) + f.read_text() + m.group(3), texts[p], count=1)
        if n: break
    print(("updated " if n else "not found ") + name)
for p, text in texts.items():
    p.write_text(text)
