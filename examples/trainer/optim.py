"""Optimizers and learning-rate schedules by name, and a plain loop for toy functions."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import torch
from torch import Tensor
from torch.optim import Optimizer, lr_scheduler
from torch.optim.lr_scheduler import LRScheduler

from trainer.config import TrainConfig

OPTIMIZERS = ("sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw")
SCHEDULES = ("constant", "step", "exponential", "cosine", "warmup_constant", "warmup_cosine",
             "onecycle")


def make_optimizer(name: str, params: Iterable[Tensor], cfg: TrainConfig) -> Optimizer:
    """The torch.optim optimizer `name`, with lr, momentum, betas, eps and weight decay from cfg."""
    lr, wd = cfg.lr, cfg.weight_decay
    if name == "sgd":
        return torch.optim.SGD(params, lr=lr, weight_decay=wd)
    if name == "momentum":
        return torch.optim.SGD(params, lr=lr, momentum=cfg.momentum, weight_decay=wd)
    if name == "nesterov":
        return torch.optim.SGD(params, lr=lr, momentum=cfg.momentum, nesterov=True,
                               weight_decay=wd)
    if name == "adagrad":
        return torch.optim.Adagrad(params, lr=lr, eps=cfg.eps, weight_decay=wd)
    if name == "rmsprop":
        return torch.optim.RMSprop(params, lr=lr, eps=cfg.eps, weight_decay=wd)
    if name == "adam":  # weight decay here is an L2 term added to the gradient ...
        return torch.optim.Adam(params, lr=lr, betas=cfg.betas, eps=cfg.eps, weight_decay=wd)
    if name == "adamw":  # ... and here it shrinks the weights directly (decoupled)
        return torch.optim.AdamW(params, lr=lr, betas=cfg.betas, eps=cfg.eps, weight_decay=wd)
    raise ValueError(f"unknown optimizer {name!r}; choose one of {', '.join(OPTIMIZERS)}")


def make_schedule(name: str, optimizer: Optimizer, cfg: TrainConfig,
                  total_steps: int) -> LRScheduler:
    """The schedule `name`, to be stepped once per optimizer step for `total_steps` steps."""
    if name == "constant":
        return lr_scheduler.ConstantLR(optimizer, factor=1.0)
    if name == "step":
        return lr_scheduler.StepLR(optimizer, step_size=cfg.step_size, gamma=cfg.gamma)
    if name == "exponential":
        return lr_scheduler.ExponentialLR(optimizer, gamma=cfg.gamma)
    if name == "cosine":
        return lr_scheduler.CosineAnnealingLR(optimizer, T_max=total_steps, eta_min=cfg.min_lr)
    if name in ("warmup_constant", "warmup_cosine"):
        # Rise linearly from lr/warmup to lr, so the first step is small but not zero.
        warmup = lr_scheduler.LinearLR(optimizer, start_factor=1 / cfg.warmup_steps,
                                       total_iters=cfg.warmup_steps - 1)
        after: LRScheduler = (
            lr_scheduler.ConstantLR(optimizer, factor=1.0) if name == "warmup_constant"
            else lr_scheduler.CosineAnnealingLR(
                optimizer, T_max=total_steps - cfg.warmup_steps, eta_min=cfg.min_lr))
        return lr_scheduler.SequentialLR(optimizer, [warmup, after],
                                         milestones=[cfg.warmup_steps])
    if name == "onecycle":
        # Only the learning rate cycles: not every optimizer has a momentum to cycle.
        return lr_scheduler.OneCycleLR(optimizer, max_lr=cfg.lr, total_steps=total_steps,
                                       pct_start=cfg.pct_start, cycle_momentum=False)
    raise ValueError(f"unknown schedule {name!r}; choose one of {', '.join(SCHEDULES)}")


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
        torch.autograd.backward(loss)
        optimizer.step()
    return losses
