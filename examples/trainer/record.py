"""What a run records: its history epoch by epoch, and checkpoints that resume it bit for bit.

A checkpoint survives a crash mid-write (the old file stays until the new one is whole)
and holds every random state a training step can touch, so a resumed run takes the
same steps as one that was never stopped.
"""

from __future__ import annotations

import glob
import importlib
import json
import os
import pickle
import random
import tempfile
import warnings
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import torch
from torch import nn
from torch.optim import Optimizer
from torch.optim.lr_scheduler import LRScheduler


@dataclass
class History:
    """Per-epoch curves; val_accuracy is empty for regression; best_epoch is 1-based, 0: none."""

    train_loss: list[float] = field(default_factory=list)
    val_loss: list[float] = field(default_factory=list)
    val_accuracy: list[float] = field(default_factory=list)
    grad_norm: list[float] = field(default_factory=list)  # mean norm of the applied gradients
    lr: list[float] = field(default_factory=list)  # learning rate at the start of the epoch
    best_epoch: int = 0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> History:
        return cls(**data)

    def save_json(self, path: str | Path) -> None:
        Path(path).write_text(json.dumps(self.to_dict(), indent=1) + "\n", encoding="utf-8")

    @classmethod
    def load_json(cls, path: str | Path) -> History:
        return cls.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))


class TrainingDiverged(RuntimeError):
    """The loss became NaN or infinite; the message names the epoch, the step and the value."""


def numpy_or_none() -> Any | None:
    """NumPy if installed: the trainer never needs it, but code run inside the loop may."""
    try:
        return importlib.import_module("numpy")
    except ImportError:
        return None


def rng_states() -> dict[str, Any]:
    """Every global RNG a training step can touch: torch (CPU and CUDA), random, numpy."""
    states: dict[str, Any] = {"torch": torch.get_rng_state(), "python": random.getstate()}
    if torch.cuda.is_available():
        states["cuda"] = torch.cuda.get_rng_state_all()
    np = numpy_or_none()
    if np is not None:
        name, keys, pos, has_gauss, cached = np.random.get_state()
        # Plain lists, so the checkpoint loads with weights_only=True.
        states["numpy"] = (name, keys.tolist(), pos, has_gauss, cached)
    return states


def restore_rng_states(states: dict[str, Any]) -> None:
    """Put back what rng_states() captured."""
    torch.set_rng_state(states["torch"])
    version, internal, gauss = states["python"]
    random.setstate((version, tuple(internal), gauss))
    if "cuda" in states and torch.cuda.is_available():
        torch.cuda.set_rng_state_all(states["cuda"])
    np = numpy_or_none()
    if "numpy" in states and np is not None:
        name, keys, pos, has_gauss, cached = states["numpy"]
        np.random.set_state((name, np.asarray(keys, dtype=np.uint32), pos, has_gauss, cached))


def save_checkpoint(path: str | Path, model: nn.Module, optimizer: Optimizer,
                    scheduler: LRScheduler | None, epoch: int, rng: dict[str, Any],
                    history: History, best_model: dict[str, torch.Tensor] | None = None) -> None:
    """Save the state after `epoch` atomically: the old file stays until the new is whole."""
    path = Path(path)
    state = {"model": model.state_dict(), "optimizer": optimizer.state_dict(),
             "scheduler": scheduler.state_dict() if scheduler is not None else None,
             "epoch": epoch, "rng": rng, "history": history.to_dict(), "best_model": best_model}
    # A save killed before its rename left its temporary file: nothing reads it.
    for stale in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        stale.unlink(missing_ok=True)
    # The temporary file sits in the same folder: a rename is only atomic within one file system.
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as f:
            torch.save(state, f)
            f.flush()
            os.fsync(f.fileno())  # the bytes are on disk before the name points at them
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    folder = os.open(path.parent, os.O_RDONLY)  # and the rename itself survives a power cut
    try:
        os.fsync(folder)
    finally:
        os.close(folder)


class CheckpointError(ValueError):
    """A checkpoint that cannot be resumed from: `path: what is wrong; what to do`."""


_CHECKPOINT_KEYS = {"model", "optimizer", "scheduler", "epoch", "rng", "history",
                    "best_model"}


def load_checkpoint(path: str | Path) -> dict[str, Any]:
    """The dict save_checkpoint wrote, tensors on the CPU; history as a History.

    An empty, truncated or foreign file raises CheckpointError, one line naming the file;
    the file itself is left as it is.
    """
    advice = "delete it to start afresh, or resume from a copy saved before"
    try:
        with warnings.catch_warnings():  # a foreign file's pickle protocol, say: reported below
            warnings.simplefilter("ignore")
            state = torch.load(path, map_location="cpu", weights_only=True)
    except FileNotFoundError:
        raise
    except Exception as exc:  # torch raises EOFError, RuntimeError, UnpicklingError, ...
        # torch's own words would advise loading with weights_only=False, which runs any
        # code the file holds: say instead what is wrong with it.
        if isinstance(exc, EOFError) or not Path(path).stat().st_size:
            reason = "it ends before its data does"
        elif isinstance(exc, pickle.UnpicklingError):
            reason = "it holds objects other than tensors and plain data"
        else:
            reason = "it is not a file torch.save wrote whole"
        raise CheckpointError(f"{path}: not a checkpoint this trainer can read ({reason}); "
                              f"{advice}") from None
    if not isinstance(state, dict) or set(state) != _CHECKPOINT_KEYS or \
            not isinstance(state["epoch"], int) or not isinstance(state["history"], dict):
        found = sorted(state) if isinstance(state, dict) else type(state).__name__
        raise CheckpointError(f"{path}: not a checkpoint this trainer wrote (it holds "
                              f"{found}); {advice}")
    try:
        state["history"] = History.from_dict(state["history"])
    except (KeyError, TypeError, ValueError) as exc:
        raise CheckpointError(f"{path}: its history is damaged ({exc}); {advice}") from None
    return state
