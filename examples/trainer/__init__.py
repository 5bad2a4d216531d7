"""A small reference trainer: config → data → model → loop, readable top to bottom."""

from __future__ import annotations

from trainer.checkpoint import load_checkpoint, restore_rng_states, rng_states, save_checkpoint
from trainer.config import TrainConfig
from trainer.data import (
    bars,
    digits,
    make_dataset,
    parity,
    quadratic,
    regression,
    split,
    two_moons,
    two_spirals,
)
from trainer.device import autocast, init_distributed, pick_device, seed_everything
from trainer.history import History, TrainingDiverged
from trainer.loop import evaluate, loss_of, train
from trainer.models import initialize, make_model, mlp, small_cnn
from trainer.optim import make_optimizer, make_schedule, minimize
from trainer.run import build, run

__all__ = [
    "History", "TrainConfig", "TrainingDiverged", "autocast", "bars", "build", "digits",
    "evaluate", "init_distributed", "initialize", "load_checkpoint", "loss_of", "make_dataset",
    "make_model", "make_optimizer", "make_schedule", "minimize", "mlp", "parity",
    "pick_device", "quadratic", "regression", "restore_rng_states", "rng_states", "run",
    "save_checkpoint", "seed_everything", "small_cnn", "split", "train", "two_moons",
    "two_spirals",
]
