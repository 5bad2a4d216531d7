"""Optimizers and learning-rate schedules by name, and a plain loop for toy functions."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import assert_never

import torch
from torch import Tensor
from torch.optim import Optimizer, lr_scheduler
from torch.optim.lr_scheduler import LRScheduler

from trainer.config import OptimizerName, ScheduleName, TrainConfig, check_choice


def make_optimizer(name: OptimizerName, params: Iterable[Tensor], cfg: TrainConfig) -> Optimizer:
    """The torch.optim optimizer `name`, with lr, momentum, betas, eps and weight decay from cfg."""
    check_choice(name, OptimizerName, "optimizer")
    lr, wd = cfg.lr, cfg.weight_decay
    match name:
        case "sgd":
            return torch.optim.SGD(params, lr=lr, weight_decay=wd)
        case "momentum":
            return torch.optim.SGD(params, lr=lr, momentum=cfg.momentum, weight_decay=wd)
        case "nesterov":
            return torch.optim.SGD(params, lr=lr, momentum=cfg.momentum, nesterov=True,
                                   weight_decay=wd)
        case "adagrad":
            return torch.optim.Adagrad(params, lr=lr, eps=cfg.eps, weight_decay=wd)
        case "rmsprop":
            return torch.optim.RMSprop(params, lr=lr, eps=cfg.eps, weight_decay=wd)
        case "adam":  # weight decay here is an L2 term added to the gradient ...
            return torch.optim.Adam(params, lr=lr, betas=cfg.betas, eps=cfg.eps,
                                    weight_decay=wd)
        case "adamw":  # ... and here it shrinks the weights directly (decoupled)
            return torch.optim.AdamW(params, lr=lr, betas=cfg.betas, eps=cfg.eps,
                                     weight_decay=wd)
        case _:
            assert_never(name)


def make_schedule(name: ScheduleName, optimizer: Optimizer, cfg: TrainConfig,
                  total_steps: int) -> LRScheduler:
    """The schedule `name`, to be stepped once per optimizer step for `total_steps` steps."""
    check_choice(name, ScheduleName, "schedule")
    match name:
        case "constant":
            return lr_scheduler.ConstantLR(optimizer, factor=1.0)
        case "step":
            return lr_scheduler.StepLR(optimizer, step_size=cfg.step_size, gamma=cfg.gamma)
        case "exponential":
            return lr_scheduler.ExponentialLR(optimizer, gamma=cfg.gamma)
        case "cosine":
            return lr_scheduler.CosineAnnealingLR(optimizer, T_max=total_steps,
                                                  eta_min=cfg.min_lr)
        case "warmup_constant" | "warmup_cosine":
            # Rise linearly from lr/warmup to lr, so the first step is small but not zero.
            warmup = lr_scheduler.LinearLR(optimizer, start_factor=1 / cfg.warmup_steps,
                                           total_iters=cfg.warmup_steps - 1)
            after: LRScheduler = (
                lr_scheduler.ConstantLR(optimizer, factor=1.0) if name == "warmup_constant"
                else lr_scheduler.CosineAnnealingLR(
                    optimizer, T_max=total_steps - cfg.warmup_steps, eta_min=cfg.min_lr))
            return lr_scheduler.SequentialLR(optimizer, [warmup, after],
                                             milestones=[cfg.warmup_steps])
        case "onecycle":
            # Only the learning rate cycles: not every optimizer has a momentum to cycle.
            return lr_scheduler.OneCycleLR(optimizer, max_lr=cfg.lr, total_steps=total_steps,
                                           pct_start=cfg.pct_start, cycle_momentum=False)
        case _:
            assert_never(name)


def minimize(loss_fn: Callable[[Tensor], Tensor], start: Tensor, cfg: TrainConfig,
             steps: int) -> list[float]:
    """Run cfg.optimizer on loss_fn from `start` for `steps` steps; the loss before each step."""
    w = start.clone().requires_grad_(True)
    optimizer = make_optimizer(cfg.optimizer, [w], cfg)
    losses = []
    for _ in range(steps):
        optimizer.zero_grad()
        loss = loss_fn(w)
        losses.append(loss.item())
        loss.backward()
        optimizer.step()
    return losses
