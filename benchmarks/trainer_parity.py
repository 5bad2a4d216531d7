"""The reference trainer against a hand-written loop: same model, data and seed.

    python benchmarks/trainer_parity.py [--model cnn|mlp] [--runs 10] [--epochs 3]
                                        [--device cpu|cuda]

In the manner of PyTorch Lightning's parity benchmark: both train a fresh copy of one
initial model (the trainer's small CNN on 8x8 bar images, or an MLP on two spirals),
alternating, and every pair must end with equal weights (`torch.equal`).
The trainer does what it always does (metrics history, gradient norm, scheduler step);
neither validates. The last line is `ratio=<median per-step time ratio, trainer / hand
loop> weights_equal=<True|False>`.
"""

from __future__ import annotations

import argparse
import copy
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import torch
import torch.nn.functional as F
from torch import nn
from torch.utils.data import DataLoader, TensorDataset
from torch.utils.data.distributed import DistributedSampler

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "examples"))

import trainer


def hand_loop(model: nn.Module, data: TensorDataset, cfg: trainer.TrainConfig,
              device: torch.device) -> int:
    """Plain PyTorch: the loop a reader would write; returns the number of steps taken."""
    trainer.seed_everything(cfg.seed)
    # The trainer's sampler: the order depends on (seed, epoch) only.
    sampler: DistributedSampler[tuple[torch.Tensor, ...]] = DistributedSampler(
        data, num_replicas=1, rank=0, seed=cfg.seed)
    loader = DataLoader(data, batch_size=cfg.batch_size, sampler=sampler,
                        pin_memory=device.type == "cuda")
    optimizer = torch.optim.SGD(model.parameters(), lr=cfg.lr, momentum=cfg.momentum)
    model.to(device).train()
    steps = 0
    for epoch in range(1, cfg.epochs + 1):
        sampler.set_epoch(epoch)
        for x, y in loader:
            x, y = x.to(device, non_blocking=True), y.to(device, non_blocking=True)
            with trainer.autocast(device):
                loss = F.cross_entropy(model(x).float(), y)
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
            steps += 1
    return steps


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", choices=["cnn", "mlp"], default="cnn")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--device", choices=["cpu", "cuda"], default="cpu")
    args = parser.parse_args()
    cfg = trainer.TrainConfig(optimizer="momentum", lr=0.05, batch_size=64, epochs=args.epochs,
                              device=args.device, seed=0)
    device = trainer.pick_device(cfg)
    if device.type == "cpu":
        torch.use_deterministic_algorithms(True)  # as the trainer does on CPU
    torch.manual_seed(0)
    if args.model == "cnn":
        data = trainer.bars(4096, noise=0.3, seed=0)
        initial: nn.Module = trainer.small_cnn(2, channels=32)
    else:
        data = trainer.two_spirals(8192, noise=0.05, seed=0)
        initial = trainer.mlp(2, [256, 256], 2)

    def timed(train: Callable[[nn.Module], object], model: nn.Module) -> float:
        start = time.perf_counter()
        train(model)
        if device.type == "cuda":
            torch.cuda.synchronize()
        return time.perf_counter() - start

    def ours_train(model: nn.Module) -> object:
        return trainer.train(model, data, None, cfg)

    def theirs_train(model: nn.Module) -> object:
        return hand_loop(model, data, cfg, device)

    steps = hand_loop(copy.deepcopy(initial), data, cfg, device)  # also warms both up
    ratios, equal = [], True
    for run in range(args.runs):
        ours, theirs = copy.deepcopy(initial), copy.deepcopy(initial)
        # Who goes first alternates, so neither gains from caches the other warmed.
        if run % 2:
            theirs_s, ours_s = timed(theirs_train, theirs), timed(ours_train, ours)
        else:
            ours_s, theirs_s = timed(ours_train, ours), timed(theirs_train, theirs)
        same = all(torch.equal(a, b) for a, b in zip(ours.state_dict().values(),
                                                     theirs.state_dict().values(), strict=True))
        equal = equal and same
        ratios.append(ours_s / theirs_s)
        print(f"run {run + 1}: trainer {1e3 * ours_s / steps:.3f} ms/step, hand loop "
              f"{1e3 * theirs_s / steps:.3f} ms/step, weights equal: {same}")
    print(f"ratio={statistics.median(ratios):.3f} weights_equal={equal}")


if __name__ == "__main__":
    main()
