"""`python -m trainer --set optimizer=adam --set lr=0.01 --history out.json`."""

from __future__ import annotations

import argparse
import ast
import dataclasses
import sys
from collections.abc import Sequence

from trainer.config import TrainConfig
from trainer.train import run


def _value(text: str) -> object:
    # Numbers, tuples, None and booleans as Python writes them; anything else is a name.
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return text


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m trainer", description=__doc__)
    parser.add_argument("--set", action="append", default=[], metavar="FIELD=VALUE",
                        help="override a TrainConfig field, e.g. --set hidden=(64,64)")
    parser.add_argument("--dry-run", action="store_true",
                        help="one epoch on 64 samples, to check that everything fits together")
    parser.add_argument("--history", metavar="PATH", help="write the history as JSON here")
    args = parser.parse_args(argv)
    known = {f.name for f in dataclasses.fields(TrainConfig)}
    changes: dict[str, object] = {}
    for item in args.set:
        name, _, text = item.partition("=")
        if name not in known:
            parser.error(f"--set {item}: TrainConfig has no field {name!r}")
        changes[name] = _value(text)
    if args.dry_run:
        changes |= {"epochs": 1, "n_samples": 64}
    try:
        cfg = dataclasses.replace(TrainConfig(), **changes)  # type: ignore[arg-type]
    except ValueError as exc:  # a name no choice takes, e.g. optimizer=lion
        parser.error(str(exc))
    _, history = run(cfg)
    print(f"{cfg.epochs} epochs, final train loss {history.train_loss[-1]:.4g}", file=sys.stderr)
    if args.history:
        history.save_json(args.history)
    return 0


if __name__ == "__main__":
    sys.exit(main())
