"""Dropout narrows the gap between training and validation loss of a wide MLP on little data."""

from __future__ import annotations

import matplotlib.pyplot as plt
import torch

import trainer

# The overfitting set-up: 60 noisy two-moons points, 240 for validation, a 128-128 MLP.
train_data, val_data = trainer.split(trainer.two_moons(300, noise=0.3, seed=0), [0.2, 0.8])
cfg = trainer.TrainConfig(optimizer="adam", lr=0.01, batch_size=60, epochs=200)
device = trainer.pick_device(cfg)


def train_with_dropout(p: float) -> tuple[list[float], list[float]]:
    """Training and validation loss per epoch, both measured in eval mode (dropout off)."""
    torch.manual_seed(0)  # the same initial weights for every p
    model = trainer.mlp(2, (128, 128), 2, dropout=p)
    train_curve: list[float] = []

    def record(epoch: int, history: trainer.History) -> None:
        train_curve.append(trainer.evaluate(model, train_data, cfg, device)[0])

    history = trainer.train(model, train_data, val_data, cfg, on_epoch=record)
    best = history.best_epoch
    print(f"dropout p = {p}: training loss {train_curve[-1]:.4f}, validation loss "
          f"{history.val_loss[-1]:.3f} (lowest {history.val_loss[best - 1]:.3f} in epoch {best}), "
          f"gap {history.val_loss[-1] - train_curve[-1]:.3f}, "
          f"validation accuracy {history.val_accuracy[-1]:.3f}")
    return train_curve, history.val_loss


curves = {p: train_with_dropout(p) for p in (0.0, 0.5)}

epochs = range(1, cfg.epochs + 1)
plt.figure(figsize=(6, 4))
for (p, (train_curve, val_curve)), color in zip(curves.items(), ("C0", "C1"), strict=True):
    plt.semilogy(epochs, train_curve, color=color, linestyle="--", label=f"training, p = {p}")
    plt.semilogy(epochs, val_curve, color=color, label=f"validation, p = {p}")
plt.title("Dropout on a wide MLP with 60 noisy training points")
plt.xlabel("epoch")
plt.ylabel("cross-entropy (log scale)")
plt.legend()
plt.show()

(train_plain, val_plain), (train_drop, val_drop) = curves[0.0], curves[0.5]
gap_plain, gap_drop = val_plain[-1] - train_plain[-1], val_drop[-1] - train_drop[-1]
assert gap_drop < 0.6 * gap_plain, (
    f"dropout should narrow the gap: {gap_drop:.3f} with, {gap_plain:.3f} without")
assert val_drop[-1] < 0.7 * val_plain[-1], (
    f"dropout should end with a lower validation loss: {val_drop[-1]:.3f} vs. {val_plain[-1]:.3f}")
