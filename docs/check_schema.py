"""Validates engagement files against docs/engagement.schema.json; used by the test suite.

Usage: python3 docs/check_schema.py SCHEMA FILE... ; prints one line per problem, exits 1 on any.
"""
import json
import sys

import jsonschema


def main() -> int:
    schema = json.load(open(sys.argv[1], encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    failed = 0
    for path in sys.argv[2:]:
        with open(path, encoding="utf-8-sig") as f:
            doc = json.load(f)
        for error in validator.iter_errors(doc):
            failed += 1
            print(f"{path}: {'/'.join(map(str, error.absolute_path))}: {error.message}")
    print(f"{len(sys.argv) - 2} files, {failed} problems")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
