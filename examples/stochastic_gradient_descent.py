"""SGD with small batches needs fewer passes over the data than full-batch gradient descent."""

from __future__ import annotations

import itertools

import matplotlib.pyplot as plt
import torch

import trainer

torch.set_num_threads(1)  # tiny tensors: threads only add overhead
cfg = trainer.TrainConfig(data="moons", n_samples=400, noise=0.1, hidden=(32, 32))
train_data, _, _ = trainer.build(cfg)[1]
x, y = train_data.tensors  # 240 training points
n, epochs, target = len(x), 30, 0.2


def train(batch_size: int, lr: float) -> tuple[list[float], list[float]]:
    """Plain SGD from the config's initial weights; the training loss after every step,
    on the whole training set and on the minibatch the step used (before the step)."""
    model, _ = trainer.build(cfg)  # the same seed: the same initial weights for every run
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    order_rng = torch.Generator().manual_seed(0)
    full_loss, batch_loss = [], []
    for _ in range(epochs):
        order = torch.randperm(n, generator=order_rng)  # reshuffle every epoch
        for start in range(0, n, batch_size):
            idx = order[start:start + batch_size]
            loss = trainer.loss_of(model(x[idx]), y[idx])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            batch_loss.append(loss.item())
            with torch.no_grad():
                full_loss.append(trainer.loss_of(model(x), y).item())
    return full_loss, batch_loss


def epochs_to_target(full_loss: list[float], steps_per_epoch: int) -> float:
    """Passes over the data until the training loss first falls below the target."""
    step = next((i for i, value in enumerate(full_loss) if value < target), None)
    return float("inf") if step is None else (step + 1) / steps_per_epoch


batch = 16
sgd_full, sgd_batch = train(batch, lr=0.1)
# Full-batch gradient descent gets one step per epoch; give it its best rate from a grid.
gd_runs = {lr: train(n, lr)[0] for lr in (0.1, 0.3, 1.0, 3.0)}
gd_lr = min(gd_runs, key=lambda lr: (epochs_to_target(gd_runs[lr], 1), gd_runs[lr][-1]))
gd_full = gd_runs[gd_lr]

sgd_epochs, gd_epochs = epochs_to_target(sgd_full, n // batch), epochs_to_target(gd_full, 1)
rises = sum(b > a for a, b in itertools.pairwise(sgd_full)) / (len(sgd_full) - 1)
print(f"{n} training points, {epochs} epochs; target training loss {target}")
print(f"SGD, batch {batch}, lr 0.1: {n // batch} steps per epoch, target after "
      f"{sgd_epochs:.2f} epochs, loss after {epochs} epochs {sgd_full[-1]:.4f}")
for lr, curve in gd_runs.items():
    reached = epochs_to_target(curve, 1)
    when = f"after {reached:.0f} epochs" if reached < epochs else f"not within {epochs} epochs"
    print(f"full batch, lr {lr}: target {when}, loss after {epochs} epochs {curve[-1]:.4f}")
print(f"SGD's training loss rose on {rises:.0%} of its steps")

steps_per_epoch = n // batch
sgd_x = [(i + 1) / steps_per_epoch for i in range(len(sgd_full))]
plt.figure(figsize=(6, 4))
plt.semilogy(sgd_x, sgd_batch, color="C0", alpha=0.3, linewidth=0.8,
             label=f"SGD, batch {batch}: loss of each minibatch")
plt.semilogy(sgd_x, sgd_full, color="C0", label=f"SGD, batch {batch}: training loss")
plt.semilogy(range(1, epochs + 1), gd_full, "o-", color="C1", markersize=3,
             label=f"full batch, lr {gd_lr}: training loss")
plt.axhline(target, color="gray", linestyle="--", label=f"target {target}")
plt.title("SGD vs. full-batch gradient descent on two moons")
plt.xlabel("epochs (passes over the training set)")
plt.ylabel("cross-entropy")
plt.legend()
plt.tight_layout()
plt.show()

assert sgd_epochs * 2 < gd_epochs, (
    f"SGD reached the target after {sgd_epochs:.2f} epochs, full batch after {gd_epochs}")
gd_final = min(curve[-1] for curve in gd_runs.values())
assert sgd_full[-1] < gd_final, (
    f"after {epochs} epochs: SGD {sgd_full[-1]:.4f}, best full-batch run {gd_final:.4f}")
assert rises > 0.2, f"SGD's training loss rose on only {rises:.0%} of the steps: not noisy"
