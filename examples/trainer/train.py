"""The entry point: `run(cfg)` builds the model and data a config names and trains it.

Read from the top: `run` and `build`, then `train` (the loop over epochs) with the step
of one epoch and `evaluate`, then the setup a training process needs (device, seeds,
the torchrun process group) and which of it is undone when `train` returns.
"""

from __future__ import annotations

import math
import os
import random
import sys
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path

import torch
import torch.distributed as dist
import torch.nn.functional as F
from torch import Tensor, nn
from torch.nn.parallel import DistributedDataParallel
from torch.nn.utils import clip_grad_norm_, clip_grad_value_
from torch.optim import Optimizer
from torch.optim.lr_scheduler import LRScheduler
from torch.utils.data import DataLoader, Dataset, TensorDataset
from torch.utils.data.distributed import DistributedSampler
from tqdm import tqdm  # type: ignore[import-untyped]

from trainer.config import TrainConfig
from trainer.data import make_dataset, split
from trainer.model import initialize, make_model
from trainer.optim import make_optimizer, make_schedule
from trainer.record import (
    History,
    TrainingDiverged,
    load_checkpoint,
    numpy_or_none,
    restore_rng_states,
    rng_states,
    save_checkpoint,
)

Batch = tuple[Tensor, ...]  # (inputs, targets), as a TensorDataset yields them


def run(cfg: TrainConfig) -> tuple[nn.Module, History]:
    """Build from cfg and train on the training part, validating on the validation part."""
    model, (train_data, val_data, _) = build(cfg)
    return model, train(model, train_data, val_data, cfg)


def build(cfg: TrainConfig) -> tuple[nn.Module, list[TensorDataset]]:
    """The model cfg names, sized for its data set, and that data split 60/20/20."""
    data = make_dataset(cfg.data, cfg.n_samples, cfg.noise, cfg.seed)
    inputs, targets = data.tensors
    if cfg.model == "mlp":  # it reads vectors: an 8×8 image becomes 64 numbers
        inputs = inputs.flatten(start_dim=1)
        data = TensorDataset(inputs, targets)
    out_features = targets.shape[1] if targets.is_floating_point() else int(targets.max()) + 1
    seed_everything(cfg.seed)  # the same seed draws the same initial weights
    model = make_model(cfg.model, inputs[0].numel(), out_features, cfg.hidden,
                       cfg.batchnorm, cfg.dropout)
    if cfg.init is not None:
        initialize(model, cfg.init)
    return model, split(data, [0.6, 0.2, 0.2], cfg.seed)


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
    with training_process(cfg) as (device, rank, world):
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

        # The postfix changes once per epoch, from numbers already on the host: the bar
        # never makes the loop wait for the GPU. `with` closes it (and ends its line) on
        # any exception.
        steps = len(loader)
        with _progress_bar(cfg.epochs * steps, start * steps, rank) as progress:
            for epoch in range(start + 1, cfg.epochs + 1):
                if _patience_spent(history, cfg):
                    break
                sampler.set_epoch(epoch)
                progress.set_description(f"epoch {epoch}/{cfg.epochs}", refresh=False)
                history.lr.append(optimizer.param_groups[0]["lr"])
                loss, grad_norm = _train_epoch(net, loader, optimizer, scheduler, cfg, device,
                                               epoch, progress)
                history.train_loss.append(loss)
                history.grad_norm.append(grad_norm)
                postfix = {"loss": f"{loss:.4g}"}
                if val_data is not None:  # every process sees all of it: same weights, verdict
                    val_loss, accuracy = evaluate(model, val_data, cfg, device)
                    history.val_loss.append(val_loss)
                    postfix["val_loss"] = f"{val_loss:.4g}"
                    if accuracy is not None:
                        history.val_accuracy.append(accuracy)
                        postfix["val_acc"] = f"{accuracy:.3f}"
                    if val_loss < min(history.val_loss[:-1], default=math.inf):
                        history.best_epoch = epoch
                        best_state = {k: v.detach().clone()
                                      for k, v in model.state_dict().items()}
                postfix["lr"] = f"{optimizer.param_groups[0]['lr']:.3g}"
                progress.set_postfix(postfix)
                if rank == 0 and checkpoint_path is not None:
                    save_checkpoint(checkpoint_path, model, optimizer, scheduler, epoch,
                                    rng_states(), history, best_state)
                if on_epoch is not None:
                    on_epoch(epoch, history)

    if cfg.patience is not None and best_state is not None:
        model.load_state_dict(best_state)
    return history


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
        loss.backward()
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


def _grad_norm(params: list[nn.Parameter]) -> float:
    """The L2 norm of all gradients together, as clip_grad_norm_ computes it.

    The norm of each gradient, then of those norms: get_total_norm does the same after
    grouping them by device and dtype, which costs a small model's step 0.3 % more.
    """
    norms = [torch.linalg.vector_norm(p.grad) for p in params if p.grad is not None]
    return float(torch.linalg.vector_norm(torch.stack(norms))) if norms else 0.0


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
    total_loss, correct, count, labels = 0.0, 0, 0, False
    for x, y in DataLoader(data, batch_size=cfg.batch_size):
        x, y = x.to(device, non_blocking=True), y.to(device, non_blocking=True)
        with autocast(device):
            output = model(x)
        total_loss += loss_of(output.float(), y, reduction="sum").item()
        if not y.is_floating_point():
            labels = True
            correct += int((output.argmax(dim=1) == y).sum())
        count += len(y)
    return total_loss / count, correct / count if labels else None


def _patience_spent(history: History, cfg: TrainConfig) -> bool:
    # Read from the history alone, so a resumed run stops where the original would have.
    done = len(history.train_loss)
    return cfg.patience is not None and done > 0 and done - history.best_epoch >= cfg.patience


def _progress_bar(total: int, initial: int, rank: int) -> tqdm:
    """A bar over the optimizer steps on a terminal; disabled (silent) anywhere else."""
    # Logs, pipes and tests stay clean, and under torchrun one process draws for all.
    return tqdm(total=total, initial=initial, unit="step", dynamic_ncols=True, file=sys.stderr,
                disable=rank != 0 or not sys.stderr.isatty())


# The setup of a training process: what `train` changes beyond the model it is given.


@contextmanager
def training_process(cfg: TrainConfig) -> Iterator[tuple[torch.device, int, int]]:
    """Set up this process for a run: (device, rank, world size) while it lasts.

    Every random generator is seeded: that is what a seed is for, and stays so. Under
    torchrun the process joins the group torchrun describes and stays in it, as code
    after `train` may still talk to the other processes (it ends the group itself). On
    the CPU, deterministic algorithms are switched on for the run only: same seed, same
    weights. CUDA would also need CUBLAS_WORKSPACE_CONFIG set before it starts.
    """
    device = pick_device(cfg)
    rank, world = init_distributed(device)
    if cfg.batch_size % world:
        raise ValueError(f"batch size {cfg.batch_size} does not split over {world} processes")
    deterministic = torch.are_deterministic_algorithms_enabled()
    warn_only = torch.is_deterministic_algorithms_warn_only_enabled()
    if device.type == "cpu":
        torch.use_deterministic_algorithms(True)
    try:
        seed_everything(cfg.seed)
        yield device, rank, world
    finally:
        torch.use_deterministic_algorithms(deterministic, warn_only=warn_only)


def pick_device(cfg: TrainConfig) -> torch.device:
    """CUDA when present and allowed (this process's GPU under torchrun), else the CPU."""
    if cfg.device == "cuda" and not torch.cuda.is_available():
        raise ValueError("device 'cuda' was asked for, but torch sees no CUDA device")
    if cfg.device == "cpu" or not torch.cuda.is_available():
        return torch.device("cpu")
    device = torch.device("cuda", int(os.environ.get("LOCAL_RANK", "0")))
    torch.cuda.set_device(device)
    return device


def seed_everything(seed: int) -> None:
    """Seed torch (all devices), Python's random and, when installed, NumPy."""
    random.seed(seed)
    torch.manual_seed(seed)
    np = numpy_or_none()
    if np is not None:
        np.random.seed(seed)


def autocast(device: torch.device) -> AbstractContextManager[object]:
    """bf16 autocast on CUDA (same range as fp32, so no loss scaling); full precision on CPU."""
    if device.type == "cuda":
        return torch.autocast("cuda", dtype=torch.bfloat16)
    return nullcontext()


def init_distributed(device: torch.device) -> tuple[int, int]:
    """(rank, world size): joins the process group torchrun describes, or (0, 1) alone."""
    if int(os.environ.get("WORLD_SIZE", "1")) == 1:
        return 0, 1
    if not dist.is_initialized():
        dist.init_process_group("nccl" if device.type == "cuda" else "gloo")
    return dist.get_rank(), dist.get_world_size()
