#!/usr/bin/env python3
"""Validates .bunnyrec files line by line against bunnyrec.schema.json with python3-jsonschema.

usage: validate_bunnyrec.py SCHEMA FILE...   exit 0: all valid; 1: a line is invalid; 3: no jsonschema
"""
import gzip
import json
import sys

try:
    import jsonschema
except ImportError:
    print("python3-jsonschema is not installed", file=sys.stderr)
    sys.exit(3)


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    # One validator per kind of line, so errors name the field rather than "not valid under oneOf".
    validators = {}
    for kind in ("header", "event"):
        sub = {k: v for k, v in schema.items() if k != "oneOf"}
        sub["$ref"] = "#/$defs/" + kind
        validators[kind] = jsonschema.Draft202012Validator(sub)
    failed = False
    for path in sys.argv[2:]:
        with open(path, "rb") as f:
            data = f.read()
        if data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
        lines = data.decode("utf-8").split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        for number, line in enumerate(lines, start=1):
            value = json.loads(line)
            if (number == 1) != isinstance(value, dict):
                print(f"{path}:{number}: line 1 must be the header object and only line 1", file=sys.stderr)
                failed = True
            for error in validators["header" if number == 1 else "event"].iter_errors(value):
                print(f"{path}:{number}: {error.message}", file=sys.stderr)
                failed = True
        print(f"{path}: {len(lines)} lines checked")
    sys.exit(1 if failed else 0)


main()
