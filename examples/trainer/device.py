"""Where a run happens: device choice, seeding, and joining a torchrun process group."""

from __future__ import annotations

import importlib
import os
import random
from contextlib import AbstractContextManager, nullcontext
from typing import Any

import torch
import torch.distributed as dist

from trainer.config import TrainConfig


def pick_device(cfg: TrainConfig) -> torch.device:
    """CUDA when present and allowed (this process's GPU under torchrun), else the CPU."""
    if cfg.device == "cuda" and not torch.cuda.is_available():
        raise ValueError("device 'cuda' was asked for, but torch sees no CUDA device")
    if cfg.device == "cpu" or not torch.cuda.is_available():
        return torch.device("cpu")
    device = torch.device("cuda", int(os.environ.get("LOCAL_RANK", "0")))
    torch.cuda.set_device(device)
    return device


def numpy_or_none() -> Any | None:
    """NumPy if installed: the trainer never needs it, but code run inside the loop may."""
    try:
        return importlib.import_module("numpy")
    except ImportError:
        return None


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
