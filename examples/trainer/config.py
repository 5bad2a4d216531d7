"""Everything a training run needs to know, in one dataclass."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Device = Literal["auto", "cpu", "cuda"]


@dataclass
class TrainConfig:
    """Names pick the parts, numbers tune them; defaults train a small MLP on two moons."""

    model: str = "mlp"  # mlp | cnn
    data: str = "moons"  # regression | moons | spirals | bars | parity | digits
    optimizer: str = "sgd"  # sgd | momentum | nesterov | adagrad | rmsprop | adam | adamw
    # constant | step | exponential | cosine | warmup_constant | warmup_cosine | onecycle
    schedule: str = "constant"
    init: str | None = None  # uniform | normal | xavier | kaiming | orthogonal; None keeps torch's
    hidden: tuple[int, ...] = (32, 32)
    batchnorm: bool = False
    dropout: float = 0.0

    lr: float = 0.1
    momentum: float = 0.9
    betas: tuple[float, float] = (0.9, 0.999)
    eps: float = 1e-8
    weight_decay: float = 0.0

    # Schedules count optimizer steps, not epochs, so short runs still see the whole curve.
    step_size: int = 100
    gamma: float = 0.5
    warmup_steps: int = 10
    min_lr: float = 0.0
    pct_start: float = 0.3

    epochs: int = 10
    batch_size: int = 32  # global: split across processes under torchrun
    clip_norm: float | None = None
    clip_value: float | None = None
    patience: int | None = None  # None: no early stopping

    n_samples: int = 512
    noise: float = 0.1
    seed: int = 0
    device: Device = "auto"
