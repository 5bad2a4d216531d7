"""A run resumed from a checkpoint ends with the same weights as one that was never interrupted."""

from __future__ import annotations

import dataclasses
import tempfile
from pathlib import Path

import matplotlib.pyplot as plt
import torch
from torch import nn

import trainer

# Dropout, momentum and a cosine schedule: the RNG, the optimizer and the schedule carry state.
cfg = trainer.TrainConfig(data="moons", hidden=(32, 32), dropout=0.2, optimizer="momentum",
                          lr=0.1, schedule="cosine", epochs=6, batch_size=24)
crash_after = 3


class Crash(Exception):
    """Stands in for a killed job, a lost node or a preempted spot instance."""


def crash(epoch: int, _: trainer.History) -> None:
    if epoch == crash_after:
        raise Crash


def fresh_model(seed: int) -> nn.Module:
    """The same architecture with weights drawn from another seed, as in a new process."""
    torch.manual_seed(seed)
    return trainer.make_model("mlp", 2, 2, cfg.hidden, dropout=cfg.dropout)


model, (train_data, val_data, _) = trainer.build(cfg)
expected = trainer.train(model, train_data, val_data, cfg)  # the uninterrupted run

with tempfile.TemporaryDirectory() as folder:
    path = Path(folder) / "run.pt"
    interrupted = trainer.build(cfg)[0]  # the same start as the uninterrupted run
    try:
        trainer.train(interrupted, train_data, val_data, cfg, checkpoint_path=path,
                      on_epoch=crash)
    except Crash:
        print(f"crashed after epoch {crash_after}; the checkpoint holds: "
              f"{', '.join(trainer.load_checkpoint(path))}")
    at_crash = trainer.load_checkpoint(path)  # kept for the weights-only restart below

    resumed = fresh_model(seed=123)
    history = trainer.train(resumed, train_data, val_data, cfg, checkpoint_path=path,
                            resume=True)

# For comparison, restart from the weights alone: new optimizer (no momentum), the schedule
# from the top, other data order and dropout masks.
weights_only = fresh_model(seed=123)
weights_only.load_state_dict(at_crash["model"])
rest = dataclasses.replace(cfg, epochs=cfg.epochs - crash_after)
restarted = trainer.train(weights_only, train_data, val_data, rest)

on_cuda = trainer.pick_device(cfg).type == "cuda"
final, want = resumed.state_dict(), model.state_dict()
bitwise = all(torch.equal(final[k], want[k]) for k in want)
close = all(torch.allclose(final[k], want[k], rtol=1e-3, atol=1e-3) for k in want)
drift = max((weights_only.state_dict()[k] - want[k]).abs().max().item() for k in want)
print(f"resumed from epoch {crash_after}: weights bitwise equal to the uninterrupted run: "
      f"{bitwise}; same loss curve: {history == expected}")
print(f"restarted from the weights alone: largest weight difference {drift:.3f}, final "
      f"training loss {restarted.train_loss[-1]:.4f} instead of {expected.train_loss[-1]:.4f}")

epochs = range(1, cfg.epochs + 1)
plt.figure(figsize=(6, 4))
plt.plot(epochs, expected.train_loss, "o-", label="uninterrupted")
plt.plot(epochs[crash_after:], history.train_loss[crash_after:], "x", markersize=10,
         label="resumed from the checkpoint")
plt.plot(epochs[crash_after:], restarted.train_loss, "s--", label="restarted from weights only")
plt.axvline(crash_after + 0.5, color="gray", linestyle=":", label="crash")
plt.title("Training loss of a run interrupted after epoch 3")
plt.xlabel("epoch")
plt.ylabel("training loss (cross-entropy)")
plt.legend()
plt.show()

if on_cuda:  # GPU kernels do not promise bitwise reproducibility; demand closeness there
    assert close, "the resumed run drifted away from the uninterrupted one"
else:
    assert bitwise, "the resumed run should end with bitwise the same weights"
    assert history == expected, "the resumed run should record the same history"
assert drift > 1e-3, "restarting from the weights alone should give a different run"
