"""Resuming from a damaged checkpoint gives one clear line naming the file and what to
do; the file is left as it is; a save killed before its rename leaves no litter."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
import torch
from torch import nn

from trainer import CheckpointError, History, load_checkpoint, rng_states, save_checkpoint


def _good(path: Path) -> None:
    model = nn.Linear(2, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    save_checkpoint(path, model, optimizer, None, 1, rng_states(), History())


def _damaged(path: Path, kind: str) -> None:
    if kind == "empty":
        path.write_bytes(b"")
    elif kind == "truncated":
        _good(path)
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    elif kind == "random bytes":
        path.write_bytes(bytes(range(256)) * 40)
    elif kind == "wrong keys":
        torch.save({"weights": torch.zeros(2)}, path)
    elif kind == "not a dict":
        torch.save([1, 2, 3], path)
    elif kind == "a pickled object":
        path.write_bytes(pickle.dumps(Path("/")))
    elif kind == "damaged history":
        _good(path)
        state = torch.load(path, weights_only=True)
        state["history"] = {"no such field": []}
        torch.save(state, path)


KINDS = ["empty", "truncated", "random bytes", "wrong keys", "not a dict", "a pickled object",
         "damaged history"]


@pytest.mark.parametrize("kind", KINDS)
def test_a_damaged_checkpoint_is_one_clear_line_and_stays_as_it_is(tmp_path: Path,
                                                                   kind: str) -> None:
    path = tmp_path / "run.pt"
    _damaged(path, kind)
    before = path.read_bytes()
    with pytest.raises(CheckpointError) as refused:
        load_checkpoint(path)
    message = str(refused.value)
    assert message.startswith(f"{path}: ") and "\n" not in message
    assert "delete it to start afresh" in message and "weights_only" not in message
    assert path.read_bytes() == before


def test_a_good_checkpoint_loads(tmp_path: Path) -> None:
    _good(tmp_path / "run.pt")
    assert load_checkpoint(tmp_path / "run.pt")["epoch"] == 1


def test_a_save_killed_before_its_rename_leaves_nothing_behind_the_next(tmp_path: Path) -> None:
    path = tmp_path / "run.pt"
    _good(path)
    stale = tmp_path / ".run.pt.abc123.tmp"  # what a save killed with SIGKILL leaves
    stale.write_bytes(b"half a checkpoint")
    _good(path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["run.pt"]
