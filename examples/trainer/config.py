"""What a run is: one dataclass of choices and numbers. Each choice is declared here, once.

The names a choice can take are a `Literal` type: mypy checks every use of them, the
`match` statements that act on them are checked to cover each name, and the config
refuses any other name as soon as it is made.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, get_args

ModelName = Literal["mlp", "cnn"]
DataName = Literal["regression", "moons", "spirals", "bars", "parity", "digits"]
OptimizerName = Literal["sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw"]
ScheduleName = Literal["constant", "step", "exponential", "cosine", "warmup_constant",
                       "warmup_cosine", "onecycle"]
InitName = Literal["uniform", "normal", "xavier", "kaiming", "orthogonal"]
DeviceName = Literal["auto", "cpu", "cuda"]


def check_choice(value: object, choices: Any, what: str) -> None:
    """Raise ValueError unless `value` is one of the names of the Literal type `choices`."""
    names = get_args(choices)
    if value not in names:
        raise ValueError(f"unknown {what} {value!r}; choose one of {', '.join(names)}")


@dataclass
class TrainConfig:
    """Names pick the parts, numbers tune them; defaults train a small MLP on two moons."""

    model: ModelName = "mlp"
    data: DataName = "moons"
    optimizer: OptimizerName = "sgd"
    schedule: ScheduleName = "constant"
    init: InitName | None = None  # None keeps torch's own initialisation
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
    device: DeviceName = "auto"

    def __post_init__(self) -> None:
        # A name from the command line or a typo fails here, not epochs later.
        check_choice(self.model, ModelName, "model")
        check_choice(self.data, DataName, "data set")
        check_choice(self.optimizer, OptimizerName, "optimizer")
        check_choice(self.schedule, ScheduleName, "schedule")
        if self.init is not None:
            check_choice(self.init, InitName, "init scheme")
        check_choice(self.device, DeviceName, "device")
