"""Small data sets, synthetic or bundled: no downloads, the same tensors for the same seed."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from itertools import pairwise
from typing import assert_never

import torch
from torch import Tensor
from torch.utils.data import TensorDataset

from trainer.config import DataName, check_choice


def _generator(seed: int) -> torch.Generator:
    # A private generator keeps data creation from disturbing the global RNG (and vice versa).
    return torch.Generator().manual_seed(seed)


def regression(n: int = 256, in_features: int = 4, noise: float = 0.1,
               seed: int = 0) -> TensorDataset:
    """y = x·w + b + noise, with w and b drawn from the seed; targets have shape (n, 1)."""
    g = _generator(seed)
    x = torch.randn(n, in_features, generator=g)
    w, b = torch.randn(in_features, 1, generator=g), torch.randn(1, generator=g)
    return TensorDataset(x, x @ w + b + noise * torch.randn(n, 1, generator=g))


def two_moons(n: int = 256, noise: float = 0.1, seed: int = 0) -> TensorDataset:
    """Two interleaved half circles, labels 0 and 1."""
    g = _generator(seed)
    labels = torch.arange(n) % 2
    t = torch.rand(n, generator=g) * math.pi
    upper = torch.stack([torch.cos(t), torch.sin(t)], dim=1)
    lower = torch.stack([1 - torch.cos(t), 0.5 - torch.sin(t)], dim=1)
    x = torch.where(labels[:, None] == 0, upper, lower)
    return TensorDataset(x + noise * torch.randn(n, 2, generator=g), labels)


def two_spirals(n: int = 256, noise: float = 0.1, turns: float = 1.5,
                seed: int = 0) -> TensorDataset:
    """Two spirals winding around each other, labels 0 and 1; harder than the moons."""
    g = _generator(seed)
    labels = torch.arange(n) % 2
    radius = torch.rand(n, generator=g)
    angle = 2 * math.pi * turns * radius + math.pi * labels
    x = radius[:, None] * torch.stack([torch.cos(angle), torch.sin(angle)], dim=1)
    return TensorDataset(x + noise * torch.randn(n, 2, generator=g), labels)


def bars(n: int = 256, noise: float = 0.1, seed: int = 0) -> TensorDataset:
    """8×8 one-channel images of one bar: label 0 horizontal, 1 vertical (for the CNN)."""
    g = _generator(seed)
    labels = torch.arange(n) % 2
    position = torch.randint(0, 8, (n,), generator=g)
    images = torch.zeros(n, 8, 8)
    images[labels == 0, position[labels == 0], :] = 1.0
    images[labels == 1, :, position[labels == 1]] = 1.0
    return TensorDataset((images + noise * torch.randn(n, 8, 8, generator=g))[:, None], labels)


def digits(n: int | None = None, shuffle: bool = False, seed: int = 0) -> TensorDataset:
    """scikit-learn's 1,797 handwritten digits as 1×8×8 images in [0, 1], labels 0 to 9.

    In the file's order, or shuffled by `seed`; then the first `n` of them (all if None).
    """
    if n is not None and n < 0:
        raise ValueError(f"n must be at least 0, got {n}")
    try:  # here, not at the top: importing scikit-learn takes about a second
        from sklearn.datasets import load_digits
    except ImportError as error:
        raise ImportError("the digits data set comes with scikit-learn: "
                          "pip install scikit-learn") from error
    pixels, labels = load_digits(return_X_y=True)  # bundled with the package, no download
    # Each pixel counts the set bits in a 4×4 block of a 32×32 bitmap: 0 to 16.
    images = torch.from_numpy(pixels).float().div(16).reshape(-1, 1, 8, 8)
    order = (torch.randperm(len(images), generator=_generator(seed)) if shuffle
             else torch.arange(len(images)))[:n]
    return TensorDataset(images[order], torch.from_numpy(labels).long()[order])


def parity(n: int = 256, length: int = 4, seed: int = 0) -> TensorDataset:
    """Sequences of 0/1 of a fixed length, labelled by the parity of their sum."""
    bits = torch.randint(0, 2, (n, length), generator=_generator(seed))
    return TensorDataset(bits.float(), bits.sum(dim=1) % 2)


def quadratic(dim: int = 10, kappa: float = 100.0,
              seed: int = 0) -> tuple[Callable[[Tensor], Tensor], Tensor]:
    """f(w) = ½ wᵀAw with eigenvalues of A from 1 to kappa, and a random start w0; min f = 0."""
    g = _generator(seed)
    q, _ = torch.linalg.qr(torch.randn(dim, dim, generator=g))
    a = q @ torch.diag(torch.logspace(0, math.log10(kappa), dim)) @ q.T

    def loss(w: Tensor) -> Tensor:
        value: Tensor = 0.5 * w @ a @ w
        return value

    return loss, torch.randn(dim, generator=g)


def make_dataset(name: DataName, n: int, noise: float, seed: int) -> TensorDataset:
    """The data set a config names."""
    check_choice(name, DataName, "data set")
    match name:
        case "regression":
            return regression(n, noise=noise, seed=seed)
        case "moons":
            return two_moons(n, noise, seed)
        case "spirals":
            return two_spirals(n, noise, seed=seed)
        case "bars":
            return bars(n, noise, seed)
        case "parity":
            return parity(n, seed=seed)
        case "digits":
            return digits(n, shuffle=True, seed=seed)  # a random n of the 1,797
        case _:
            assert_never(name)


def split(dataset: TensorDataset, fractions: Sequence[float],
          seed: int = 0) -> list[TensorDataset]:
    """Shuffle once, then cut into parts of the given fractions (the last takes the rest)."""
    if any(f < 0 for f in fractions) or not math.isclose(sum(fractions), 1.0, abs_tol=1e-6):
        raise ValueError(f"fractions must be non-negative and sum to 1, got {list(fractions)}")
    n = len(dataset)
    order = torch.randperm(n, generator=_generator(seed))
    bounds = [0, *(round(n * sum(fractions[: i + 1])) for i in range(len(fractions) - 1)), n]
    return [TensorDataset(*(t[order[lo:hi]] for t in dataset.tensors))
            for lo, hi in pairwise(bounds)]
