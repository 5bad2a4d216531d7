"""The training loop: epochs of steps, validation, early stopping, checkpoints."""

from __future__ import annotations

import math
import sys
from collections.abc import Callable
from pathlib import Path

import torch
import torch.nn.functional as F
from torch import Tensor, nn
from torch.nn.parallel import DistributedDataParallel
from torch.nn.utils import clip_grad_norm_, clip_grad_value_
from torch.optim import Optimizer
from torch.optim.lr_scheduler import LRScheduler
from torch.utils.data import DataLoader, Dataset
from torch.utils.data.distributed import DistributedSampler
from tqdm import tqdm  # type: ignore[import-untyped]

from trainer.checkpoint import load_checkpoint, restore_rng_states, rng_states, save_checkpoint
from trainer.config import TrainConfig
from trainer.device import autocast, init_distributed, pick_device, seed_everything
from trainer.history import History, TrainingDiverged
from trainer.optim import make_optimizer, make_schedule

Batch = tuple[Tensor, ...]  # (inputs, targets), as a TensorDataset yields them


def loss_of(output: Tensor, target: Tensor, reduction: str = "mean") -> Tensor:
    """Cross-entropy for integer class labels, mean squared error for real-valued targets."""
    if target.is_floating_point():
        return F.mse_loss(output, target, reduction=reduction)
    return F.cross_entropy(output, target, reduction=reduction)


@torch.no_grad()
def evaluate(model: nn.Module, data: Dataset[Batch], cfg: TrainConfig,
             device: torch.device) -> tuple[float, float | None]:
    """Mean loss over `data`, and accuracy when the targets are class labels (else None)."""
    model.eval()
    total_loss, correct, count = 0.0, 0, 0
    for x, y in DataLoader(data, batch_size=cfg.batch_size):
        x, y = x.to(device, non_blocking=True), y.to(device, non_blocking=True)
        with autocast(device):
            output = model(x)
        total_loss += loss_of(output.float(), y, reduction="sum").item()
        if not y.is_floating_point():
            correct += int((output.argmax(dim=1) == y).sum())
        count += len(y)
    accuracy = None if next(iter(data))[1].is_floating_point() else correct / count
    return total_loss / count, accuracy


def _progress_bar(total: int, initial: int, rank: int) -> tqdm:
    """A bar over the optimizer steps on a terminal; disabled (silent) anywhere else."""
    # Logs, pipes and tests stay clean, and under torchrun one process draws for all.
    return tqdm(total=total, initial=initial, unit="step", dynamic_ncols=True, file=sys.stderr,
                disable=rank != 0 or not sys.stderr.isatty())


def _grad_norm(params: list[nn.Parameter]) -> float:
    """The L2 norm of all gradients together, as clip_grad_norm_ computes it.

    One fused kernel over all gradients (what get_total_norm runs inside, without its
    grouping by device and dtype, which a single-device model does not need): half the
    cost, which matters for small models where a step takes a few milliseconds.
    """
    grads = [p.grad for p in params if p.grad is not None]
    if not grads:
        return 0.0
    return float(torch.linalg.vector_norm(torch.stack(torch._foreach_norm(grads))))


def _train_epoch(net: nn.Module, loader: DataLoader[Batch], optimizer: Optimizer,
                 scheduler: LRScheduler | None, cfg: TrainConfig, device: torch.device,
                 epoch: int, progress: tqdm) -> tuple[float, float]:
    """One pass over the loader; returns the mean loss and mean applied gradient norm."""
    net.train()
    params = [p for p in net.parameters() if p.requires_grad]
    total_loss, total_norm = 0.0, 0.0
    for step, (x, y) in enumerate(loader, start=1):
        # Pinned host memory lets these copies overlap with compute on CUDA.
        x, y = x.to(device, non_blocking=True), y.to(device, non_blocking=True)
        with autocast(device):
            loss = loss_of(net(x).float(), y)
        value = loss.item()
        if not math.isfinite(value):
            raise TrainingDiverged(f"loss is {value} at epoch {epoch}, step {step} "
                                   f"(global step {(epoch - 1) * len(loader) + step})")
        optimizer.zero_grad(set_to_none=True)
        torch.autograd.backward(loss)
        # By value first, then by norm, so the norm bound holds for what the optimizer sees.
        if cfg.clip_value is not None:
            clip_grad_value_(params, cfg.clip_value)
        if cfg.clip_norm is not None:
            clip_grad_norm_(params, cfg.clip_norm)
        total_norm += _grad_norm(params)
        optimizer.step()
        if scheduler is not None:
            scheduler.step()
        total_loss += value
        progress.update()  # counts only; it draws at most every 0.1 s
    return total_loss / len(loader), total_norm / len(loader)


def _patience_spent(history: History, cfg: TrainConfig) -> bool:
    # Read from the history alone, so a resumed run stops where the original would have.
    done = len(history.train_loss)
    return cfg.patience is not None and done > 0 and done - history.best_epoch >= cfg.patience


def train(model: nn.Module, train_data: Dataset[Batch], val_data: Dataset[Batch] | None,
          cfg: TrainConfig, *, checkpoint_path: str | Path | None = None, resume: bool = False,
          on_epoch: Callable[[int, History], None] | None = None) -> History:
    """Train `model` in place for cfg.epochs epochs; under torchrun, on every process with DDP.

    With cfg.patience, stop after that many epochs without a better validation loss and
    put back the best weights. With checkpoint_path, save after every epoch; with resume,
    continue from that file if it exists. on_epoch(epoch, history) runs after each epoch.
    """
    if cfg.patience is not None and val_data is None:
        raise ValueError("early stopping (patience) needs validation data")
    device = pick_device(cfg)
    rank, world = init_distributed(device)
    if cfg.batch_size % world:
        raise ValueError(f"batch size {cfg.batch_size} does not split over {world} processes")
    if device.type == "cpu":
        # Same seed, same weights; CUDA would also need CUBLAS_WORKSPACE_CONFIG set up front.
        torch.use_deterministic_algorithms(True)
    seed_everything(cfg.seed)
    model.to(device)
    # The order is a function of (seed, epoch) only, so a resumed run and every DDP
    # process agree on it; each process takes every world-th sample of it.
    sampler: DistributedSampler[Batch] = DistributedSampler(
        train_data, num_replicas=world, rank=rank, seed=cfg.seed)
    loader = DataLoader(train_data, batch_size=cfg.batch_size // world, sampler=sampler,
                        pin_memory=device.type == "cuda")
    optimizer = make_optimizer(cfg.optimizer, model.parameters(), cfg)
    # A constant rate needs no scheduler; one would wrap optimizer.step() for nothing.
    scheduler = (None if cfg.schedule == "constant"
                 else make_schedule(cfg.schedule, optimizer, cfg, cfg.epochs * len(loader)))
    history, best_state, start = History(), None, 0
    if resume and checkpoint_path is not None and Path(checkpoint_path).exists():
        state = load_checkpoint(checkpoint_path)
        model.load_state_dict(state["model"])
        optimizer.load_state_dict(state["optimizer"])
        if scheduler is not None:
            scheduler.load_state_dict(state["scheduler"])
        restore_rng_states(state["rng"])
        history, best_state, start = state["history"], state["best_model"], state["epoch"]
    # DDP averages the gradients over processes during backward().
    net = DistributedDataParallel(model) if world > 1 else model

    # The postfix changes once per epoch, from numbers already on the host: the bar never
    # makes the loop wait for the GPU. `with` closes it (and ends its line) on any exception.
    steps = len(loader)
    with _progress_bar(cfg.epochs * steps, start * steps, rank) as progress:
        for epoch in range(start + 1, cfg.epochs + 1):
            if _patience_spent(history, cfg):
                break
            sampler.set_epoch(epoch)
            progress.set_description(f"epoch {epoch}/{cfg.epochs}", refresh=False)
            history.lr.append(optimizer.param_groups[0]["lr"])
            loss, grad_norm = _train_epoch(net, loader, optimizer, scheduler, cfg, device, epoch,
                                           progress)
            history.train_loss.append(loss)
            history.grad_norm.append(grad_norm)
            postfix = {"loss": f"{loss:.4g}"}
            if val_data is not None:  # every process sees all of it: same weights, same verdict
                val_loss, accuracy = evaluate(model, val_data, cfg, device)
                history.val_loss.append(val_loss)
                postfix["val_loss"] = f"{val_loss:.4g}"
                if accuracy is not None:
                    history.val_accuracy.append(accuracy)
                    postfix["val_acc"] = f"{accuracy:.3f}"
                if val_loss < min(history.val_loss[:-1], default=math.inf):
                    history.best_epoch = epoch
                    best_state = {k: v.detach().clone() for k, v in model.state_dict().items()}
            postfix["lr"] = f"{optimizer.param_groups[0]['lr']:.3g}"
            progress.set_postfix(postfix)
            if rank == 0 and checkpoint_path is not None:
                save_checkpoint(checkpoint_path, model, optimizer, scheduler, epoch, rng_states(),
                                history, best_state)
            if on_epoch is not None:
                on_epoch(epoch, history)

    if cfg.patience is not None and best_state is not None:
        model.load_state_dict(best_state)
    return history
