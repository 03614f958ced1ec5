"""Command line: ``python -m calculators list`` and ``python -m calculators run NAME --input JSON``.

Prints the ``run`` result as JSON; exit status 0 when ``ok``, 2 when the input was refused.
``--input @file.json`` reads the inputs from a file. An input key the calculator does not
read is named on standard error, with the nearest key it does read.
"""
from __future__ import annotations

import argparse
import json
import sys

from . import names, run


def _load(text: str) -> object:
    if text.startswith("@"):
        with open(text[1:], encoding="utf-8") as fh:
            text = fh.read()
    return json.loads(text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m calculators", description="Run the playbook's calculators.")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("list", help="list the calculators")
    run_parser = sub.add_parser("run", help="run one calculator and print its result as JSON")
    run_parser.add_argument("name")
    run_parser.add_argument("--input", default="{}", help="inputs as JSON, or @path to a JSON file")
    args = parser.parse_args(argv)

    if args.command == "list":
        print("\n".join(names()))
        return 0
    try:
        inputs = _load(args.input)
    except (OSError, ValueError) as exc:
        print(json.dumps({"ok": False, "name": args.name, "errors": {"inputs": f"The inputs could not be read: {exc}"}}, indent=2))
        return 2
    result = run(args.name, inputs)
    for unread in result.get("ignored", []):
        nearest = f" (did you mean “{unread['nearest']}”?)" if unread["nearest"] else ""
        print(f"Ignored input “{unread['key']}”: {args.name} has no such input{nearest}.", file=sys.stderr)
    print(json.dumps(result, indent=2, ensure_ascii=False))
    return 0 if result["ok"] else 2


if __name__ == "__main__":
    sys.exit(main())
