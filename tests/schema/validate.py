"""Validates TOML files against the JSON Schema `roadmap schema` prints, with an independent
validator: Python's `jsonschema` (Draft 2020-12) and `tomllib`, nothing of the Rust crate.

    python3 validate.py SCHEMA.json FILE.toml...

Prints one line per file, `valid FILE` or `invalid FILE: <where>: <message>` (one line per error),
after checking the schema itself against the draft's meta-schema. Exits 0 when every line could
be judged, whatever the verdicts: the Rust test compares them with what it expects.
"""

import json
import sys
import tomllib

from jsonschema import Draft202012Validator


def main() -> None:
    with open(sys.argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)
    for path in sys.argv[2:]:
        with open(path, "rb") as f:
            document = tomllib.load(f)
        errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
        if not errors:
            print(f"valid {path}")
        for error in errors:
            where = "/".join(str(p) for p in error.absolute_path) or "(top)"
            print(f"invalid {path}: {where}: {error.message}")


if __name__ == "__main__":
    main()
