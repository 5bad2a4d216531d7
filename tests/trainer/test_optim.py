"""Optimizers by name on an ill-conditioned quadratic, and learning-rate curves."""

from __future__ import annotations

import itertools
import math
from typing import Any, get_args

import pytest
import torch

import trainer


def _steps_to(target: float, optimizer: trainer.OptimizerName) -> int:
    loss, start = trainer.quadratic(dim=10, kappa=100.0, seed=0)
    losses = trainer.minimize(loss, start, trainer.TrainConfig(optimizer=optimizer, lr=0.01), 1000)
    return next(i for i, value in enumerate(losses) if value < target)


def test_momentum_beats_plain_sgd_on_an_ill_conditioned_quadratic() -> None:
    sgd, momentum, nesterov = (_steps_to(1e-4, name) for name in ("sgd", "momentum", "nesterov"))
    assert momentum < sgd / 2
    assert nesterov < momentum


@pytest.mark.parametrize(("name", "kind", "settings"), [
    ("sgd", torch.optim.SGD, {"momentum": 0, "nesterov": False}),
    ("momentum", torch.optim.SGD, {"momentum": 0.8, "nesterov": False}),
    ("nesterov", torch.optim.SGD, {"momentum": 0.8, "nesterov": True}),
    ("adagrad", torch.optim.Adagrad, {"eps": 1e-7}),
    ("rmsprop", torch.optim.RMSprop, {"eps": 1e-7}),
    ("adam", torch.optim.Adam, {"betas": (0.8, 0.9), "eps": 1e-7}),
    ("adamw", torch.optim.AdamW, {"betas": (0.8, 0.9), "eps": 1e-7}),
])
def test_optimizer_takes_its_numbers_from_the_config(
        name: trainer.OptimizerName, kind: type[torch.optim.Optimizer],
        settings: dict[str, object]) -> None:
    cfg = trainer.TrainConfig(lr=0.3, momentum=0.8, betas=(0.8, 0.9), eps=1e-7, weight_decay=0.1)
    optimizer = trainer.make_optimizer(name, [torch.zeros(1, requires_grad=True)], cfg)
    assert type(optimizer) is kind
    group = optimizer.param_groups[0]
    assert group["lr"] == 0.3 and group["weight_decay"] == 0.1
    assert {key: group[key] for key in settings} == settings


@pytest.mark.parametrize("name", ["sgd", "adamw"])
def test_weight_decay_shrinks_weights_without_a_gradient(name: trainer.OptimizerName) -> None:
    w = torch.ones(3, requires_grad=True)
    optimizer = trainer.make_optimizer(name, [w], trainer.TrainConfig(lr=0.1, weight_decay=0.5))
    (0 * w).sum().backward()
    optimizer.step()
    assert torch.allclose(w, torch.full((3,), 0.95))


def test_every_optimizer_lowers_the_quadratic() -> None:
    loss, start = trainer.quadratic(dim=4, kappa=10.0, seed=1)
    for name in get_args(trainer.OptimizerName):
        losses = trainer.minimize(loss, start, trainer.TrainConfig(optimizer=name, lr=0.05), 50)
        assert losses[-1] < losses[0] / 2, name
    with pytest.raises(ValueError, match="unknown optimizer 'lion'"):
        trainer.make_optimizer("lion", [start], trainer.TrainConfig())  # type: ignore[arg-type]


TOTAL = 40


def _curve(name: trainer.ScheduleName, **numbers: Any) -> list[float]:
    """The learning rate before each of TOTAL steps, then after the last."""
    cfg = trainer.TrainConfig(lr=1.0, **numbers)
    optimizer = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=cfg.lr)
    schedule = trainer.make_schedule(name, optimizer, cfg, TOTAL)
    rates = []
    for _ in range(TOTAL):
        rates.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        schedule.step()
    return [*rates, optimizer.param_groups[0]["lr"]]


def _falls(rates: list[float]) -> bool:
    return all(b <= a + 1e-12 for a, b in itertools.pairwise(rates))


def test_constant_schedule() -> None:
    assert _curve("constant") == [1.0] * (TOTAL + 1)


def test_step_schedule_drops_by_gamma_every_step_size_steps() -> None:
    rates = _curve("step", step_size=10, gamma=0.5)
    assert rates == pytest.approx([0.5 ** (i // 10) for i in range(TOTAL + 1)])


def test_exponential_schedule_has_a_constant_ratio() -> None:
    rates = _curve("exponential", gamma=0.9)
    assert rates == pytest.approx([0.9**i for i in range(TOTAL + 1)])


def test_cosine_falls_from_lr_through_the_middle_to_its_minimum() -> None:
    rates = _curve("cosine", min_lr=0.1)
    assert rates[0] == 1.0 and _falls(rates)
    assert rates[TOTAL // 2] == pytest.approx(0.55)
    assert rates[-1] == pytest.approx(0.1)


def test_warmup_rises_linearly_then_holds() -> None:
    rates = _curve("warmup_constant", warmup_steps=8)
    assert rates[:8] == pytest.approx([(i + 1) / 8 for i in range(8)])
    assert rates[8:] == pytest.approx([1.0] * (TOTAL - 7))


def test_warmup_cosine_rises_linearly_then_falls_to_the_minimum() -> None:
    rates = _curve("warmup_cosine", warmup_steps=8, min_lr=0.0)
    assert rates[:8] == pytest.approx([(i + 1) / 8 for i in range(8)])
    assert _falls(rates[8:]) and rates[8] == 1.0
    assert rates[-1] == pytest.approx(0.0, abs=1e-12)


def test_onecycle_rises_to_lr_then_anneals_far_below_its_start() -> None:
    rates = _curve("onecycle", pct_start=0.25)
    peak = rates.index(max(rates))
    assert max(rates) == pytest.approx(1.0) and peak == math.ceil(0.25 * TOTAL) - 1
    assert _falls(rates[peak::-1]) and _falls(rates[peak:-1])  # up, then down
    assert rates[0] == pytest.approx(1 / 25) and rates[-2] < 1e-3


def test_unknown_schedule() -> None:
    optimizer = torch.optim.SGD([torch.zeros(1, requires_grad=True)])
    with pytest.raises(ValueError, match="unknown schedule 'cyclic'"):
        trainer.make_schedule("cyclic", optimizer, trainer.TrainConfig(),  # type: ignore[arg-type]
                              TOTAL)
