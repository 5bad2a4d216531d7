"""Fixtures shared by the reference trainer's tests."""

from __future__ import annotations

import pytest
from torch.utils.data import TensorDataset

import trainer


@pytest.fixture
def moons() -> tuple[TensorDataset, TensorDataset]:
    """128 training and 64 validation points of the two-moons problem."""
    train, val = trainer.split(trainer.two_moons(192, noise=0.1, seed=0), [2 / 3, 1 / 3], seed=0)
    return train, val
