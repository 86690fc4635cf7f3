#!/usr/bin/env python3
"""Rewrites the expected screens of ScreenSnapshotTests.swift from a dump folder.

REDLINE_SNAPSHOT_DUMP=/tmp/snap swift test --filter ScreenSnapshotTests
python3 Tests/CockpitUITests/update_snapshots.py /tmp/snap
Review the diff before committing: a snapshot change is a change of what users see.
"""
import pathlib, re, sys

dump = pathlib.Path(sys.argv[1])
path = pathlib.Path(__file__).with_name("ScreenSnapshotTests.swift")
text = path.read_text()
for f in sorted(dump.glob("*.txt")):
    name = f.stem
    pattern = re.compile(r'(@Test func ' + re.escape(name) + r'\(\) \{.*?#"""\n)(.*?)(\n"""#)', re.S)
    text, n = pattern.subn(lambda m: m.group(1) + f.read_text() + m.group(3), text, count=1)
    print(("updated " if n else "not found ") + name)
path.write_text(text)
