"""Synthetic data sets and the train/validation/test split."""

from __future__ import annotations

import sys
from collections.abc import Callable

import pytest
import torch
from torch.utils.data import TensorDataset

import trainer

MAKERS: dict[str, Callable[[int], TensorDataset]] = {
    "regression": lambda seed: trainer.regression(64, seed=seed),
    "moons": lambda seed: trainer.two_moons(64, seed=seed),
    "spirals": lambda seed: trainer.two_spirals(64, seed=seed),
    "bars": lambda seed: trainer.bars(64, seed=seed),
    "parity": lambda seed: trainer.parity(64, seed=seed),
    "digits": lambda seed: trainer.digits(64, shuffle=True, seed=seed),
}


@pytest.mark.parametrize("name", MAKERS)
def test_same_seed_same_tensors_other_seed_other_tensors(name: str) -> None:
    first, again, other = MAKERS[name](1), MAKERS[name](1), MAKERS[name](2)
    assert all(torch.equal(a, b) for a, b in zip(first.tensors, again.tensors, strict=True))
    assert not torch.equal(first.tensors[0], other.tensors[0])


@pytest.mark.parametrize("name", MAKERS)
def test_data_does_not_touch_the_global_rng(name: str) -> None:
    torch.manual_seed(0)
    expected = torch.rand(3)
    torch.manual_seed(0)
    MAKERS[name](5)
    assert torch.equal(torch.rand(3), expected)


def test_shapes_and_labels() -> None:
    x, y = trainer.regression(10, in_features=3).tensors
    assert x.shape == (10, 3) and y.shape == (10, 1) and y.is_floating_point()
    x, y = trainer.two_moons(10).tensors
    assert x.shape == (10, 2) and y.tolist() == [0, 1] * 5
    images, y = trainer.bars(6, noise=0.0).tensors
    assert images.shape == (6, 1, 8, 8)
    # Noise-free bars: one full row (label 0) or one full column (label 1) of ones.
    assert (images[0, 0].sum(dim=1) == 8).sum() == 1 and (images[1, 0].sum(dim=0) == 8).sum() == 1
    bits, y = trainer.parity(20, length=5).tensors
    assert bits.shape == (20, 5) and torch.equal(y, bits.sum(dim=1).long() % 2)


def test_regression_is_linear_up_to_the_noise() -> None:
    x, y = trainer.regression(200, in_features=3, noise=0.0).tensors
    design = torch.cat([x, torch.ones(200, 1)], dim=1)
    solution = torch.linalg.lstsq(design, y).solution
    assert torch.allclose(design @ solution, y, atol=1e-4)


def test_quadratic_has_the_requested_condition_number() -> None:
    loss, start = trainer.quadratic(dim=6, kappa=50.0, seed=0)
    # The gradient of ½ wᵀAw at the unit vector e_i is A e_i, column i of the Hessian A.
    hessian = torch.stack([torch.autograd.grad(loss(e), e)[0]
                           for e in torch.eye(6).requires_grad_(True)])
    eigenvalues = torch.linalg.eigvalsh(hessian)
    assert (eigenvalues.max() / eigenvalues.min()).item() == pytest.approx(50.0, rel=1e-3)
    assert loss(torch.zeros(6)).item() == 0.0 and loss(start).item() > 0


def test_split_is_a_seeded_partition() -> None:
    data = TensorDataset(torch.arange(100))
    parts = trainer.split(data, [0.7, 0.2, 0.1], seed=3)
    assert [len(p) for p in parts] == [70, 20, 10]
    assert sorted(torch.cat([p.tensors[0] for p in parts]).tolist()) == list(range(100))
    again = trainer.split(data, [0.7, 0.2, 0.1], seed=3)
    assert all(torch.equal(a.tensors[0], b.tensors[0]) for a, b in zip(parts, again, strict=True))
    assert not torch.equal(parts[0].tensors[0], trainer.split(data, [0.7, 0.3], 4)[0].tensors[0])


@pytest.mark.parametrize("fractions", [[0.5, 0.6], [1.2, -0.2]])
def test_split_rejects_fractions_that_are_no_partition(fractions: list[float]) -> None:
    with pytest.raises(ValueError, match="sum to 1"):
        trainer.split(TensorDataset(torch.arange(10)), fractions)


def test_digits_are_8x8_images_in_0_1_labelled_0_to_9() -> None:
    images, labels = trainer.digits().tensors
    assert images.shape == (1797, 1, 8, 8) and images.dtype == torch.float32
    assert images.min() == 0.0 and images.max() == 1.0
    assert labels.dtype == torch.int64 and labels.shape == (1797,)
    assert labels.bincount().tolist() == [178, 182, 177, 183, 181, 182, 181, 179, 174, 180]


def _counted_rows(images: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
    """Each distinct (image, label) row and how often it occurs: the same for any order."""
    rows = torch.cat([images.flatten(start_dim=1), labels[:, None].float()], dim=1)
    distinct, counts = torch.unique(rows, dim=0, return_counts=True)
    return torch.cat([distinct, counts[:, None].float()], dim=1)


def test_digits_keep_the_file_order_unless_shuffled() -> None:
    in_order, again = trainer.digits().tensors, trainer.digits().tensors
    assert all(torch.equal(a, b) for a, b in zip(in_order, again, strict=True))
    assert in_order[1][:10].tolist() == list(range(10))  # the file cycles through the digits
    shuffled = trainer.digits(shuffle=True, seed=1).tensors
    assert not torch.equal(shuffled[1], in_order[1])
    assert torch.equal(_counted_rows(*in_order), _counted_rows(*shuffled))


def test_digits_n_caps_the_number_of_samples() -> None:
    for shuffle in (False, True):
        whole = trainer.digits(shuffle=shuffle, seed=2).tensors
        first = trainer.digits(100, shuffle=shuffle, seed=2).tensors
        assert all(torch.equal(a, b[:100]) for a, b in zip(first, whole, strict=True))
    assert len(trainer.digits(0)) == 0 and len(trainer.digits(10_000)) == 1797
    with pytest.raises(ValueError, match="n must be at least 0"):
        trainer.digits(-1)


def test_digits_without_scikit_learn_say_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "sklearn.datasets", None)  # as if it were not installed
    with pytest.raises(ImportError, match="pip install scikit-learn"):
        trainer.digits()


def test_make_dataset_by_name() -> None:
    assert len(trainer.make_dataset("spirals", 30, 0.1, 0)) == 30
    assert len(trainer.make_dataset("digits", 30, 0.1, 0)) == 30
    with pytest.raises(ValueError, match="unknown data set 'mnist'"):
        trainer.make_dataset("mnist", 30, 0.1, 0)  # type: ignore[arg-type]
