"""What a training run records, epoch by epoch."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any


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
