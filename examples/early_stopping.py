"""Early stopping: stop once validation loss stops improving and keep the best epoch's weights."""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import torch
from torch import Tensor

import trainer

# Few noisy samples and a wide network: it soon learns the noise and validation loss rises.
patience = 15
cfg = trainer.TrainConfig(data="moons", n_samples=100, noise=0.3, hidden=(128, 128),
                          optimizer="adam", lr=0.01, batch_size=16, epochs=100, patience=patience)
model, (train_data, val_data, _) = trainer.build(cfg)  # 60 training, 20 validation samples

snapshots: dict[int, dict[str, Tensor]] = {}


def keep_weights(epoch: int, _: trainer.History) -> None:
    """A copy of the weights after every epoch, to compare with what train() hands back."""
    snapshots[epoch] = {k: v.detach().clone() for k, v in model.state_dict().items()}


history = trainer.train(model, train_data, val_data, cfg, on_epoch=keep_weights)

best = history.best_epoch  # 1-based: history.val_loss[best - 1] is the lowest
epochs_run = len(history.val_loss)
best_loss = history.val_loss[best - 1]
restored_loss, restored_accuracy = trainer.evaluate(model, val_data, cfg, trainer.pick_device(cfg))
same_weights = all(torch.equal(v, snapshots[best][k]) for k, v in model.state_dict().items())

print(f"best epoch {best} of {epochs_run} run (patience {patience}, at most {cfg.epochs})")
print(f"validation loss: {best_loss:.4f} at the best epoch, {history.val_loss[-1]:.4f} at the last")
print(f"returned model: validation loss {restored_loss:.4f}, accuracy {restored_accuracy:.3f}")
print(f"returned weights equal those after epoch {best}: {same_weights}")

epochs = range(1, epochs_run + 1)
plt.figure(figsize=(6, 4))
plt.plot(epochs, history.train_loss, label="training loss")
plt.plot(epochs, history.val_loss, label="validation loss")
plt.axvline(best, color="gray", linestyle="--", label=f"best epoch ({best}), weights kept")
plt.title("Early stopping on a small, noisy two-moons set")
plt.xlabel("epoch")
plt.ylabel("cross-entropy")
plt.legend()
plt.show()

assert best_loss == min(history.val_loss), "best_epoch does not point at the lowest val loss"
assert epochs_run == best + patience < cfg.epochs, (
    f"expected to stop {patience} epochs after epoch {best}, ran {epochs_run}")
# Overfitting: after the best epoch the fit to the training set kept improving, but not to new data.
train_then, train_last = history.train_loss[best - 1], history.train_loss[-1]
assert train_last < train_then and history.val_loss[-1] > 1.25 * best_loss, (
    f"no overfitting after epoch {best}: training loss {train_then:.4f} → {train_last:.4f}, "
    f"validation loss {best_loss:.4f} → {history.val_loss[-1]:.4f}")
assert same_weights, f"the returned weights are not those of the best epoch {best}"
assert math.isclose(restored_loss, best_loss, rel_tol=1e-4), (
    f"returned model has val loss {restored_loss:.6f}, the best epoch had {best_loss:.6f}")
