"""A model trained before the concept changes loses accuracy; retraining on recent data recovers."""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import torch
from torch import Tensor, nn

torch.manual_seed(0)
steps, change, batch, window = 40, 20, 200, 3
angle = math.radians(60)  # at step 20 the true decision boundary turns by 60 degrees


def concept(t: int) -> Tensor:
    """The normal vector of the true boundary at time t: P(x) stays put, P(y | x) changes."""
    a = angle if t >= change else 0.0
    return torch.tensor([math.cos(a), math.sin(a)])


def batch_at(t: int) -> tuple[Tensor, Tensor]:
    x = torch.randn(batch, 2)
    return x, (x @ concept(t) > 0).long()


def fit(x: Tensor, y: Tensor) -> nn.Module:
    """Logistic regression, 30 full-batch Adam steps."""
    model = nn.Linear(2, 2)
    optimizer = torch.optim.Adam(model.parameters(), lr=0.3)
    for _ in range(30):
        optimizer.zero_grad()
        nn.functional.cross_entropy(model(x), y).backward()
        optimizer.step()
    return model


@torch.no_grad()
def accuracy(model: nn.Module, x: Tensor, y: Tensor) -> float:
    return float((model(x).argmax(dim=1) == y).float().mean().item())


stream = [batch_at(t) for t in range(steps)]
# The frozen model learns once, from the first `window` batches, and is never updated.
frozen = fit(torch.cat([x for x, _ in stream[:window]]), torch.cat([y for _, y in stream[:window]]))
acc_frozen, acc_retrained = [], []
for t in range(window, steps):
    # Each batch is scored before its labels are known, then the retrained model is refit
    # on the most recent `window` labelled batches, which ends with the batch just scored.
    recent = stream[t - window:t]
    retrained = fit(torch.cat([x for x, _ in recent]), torch.cat([y for _, y in recent]))
    x, y = stream[t]
    acc_frozen.append(accuracy(frozen, x, y))
    acc_retrained.append(accuracy(retrained, x, y))


def mean(values: list[float]) -> float:
    return sum(values) / len(values)


# acc_*[i] belongs to step window + i. Before: steps window .. change − 1. After: steps from
# change + window on, once the training window holds only batches of the new concept.
before, after = slice(0, change - window), slice(change, None)
print(f"concept turns by {math.degrees(angle):.0f}° at step {change}; "
      f"retraining uses the last {window} batches of {batch}")
print(f"frozen model:    accuracy {mean(acc_frozen[before]):.3f} before, "
      f"{mean(acc_frozen[after]):.3f} after the change "
      f"(theory for a perfect old boundary: {1 - angle / math.pi:.3f})")
print(f"retrained model: accuracy {mean(acc_retrained[before]):.3f} before, "
      f"{mean(acc_retrained[after]):.3f} after the change")
recovery = acc_retrained[change - window:change + 1]  # steps change .. change + window
print(f"retrained model, steps {change} to {change + window}: "
      + ", ".join(f"{a:.3f}" for a in recovery))

plt.figure(figsize=(6, 4))
times = range(window, steps)
plt.plot(times, acc_frozen, "o-", markersize=3, label="trained once, before the change")
plt.plot(times, acc_retrained, "s-", markersize=3, label=f"retrained on the last {window} batches")
plt.axvline(change, color="gray", linestyle="--", label="the concept changes")
plt.title(f"Concept drift: the decision boundary turns by {math.degrees(angle):.0f}°")
plt.xlabel("time step (one batch of 200 points each)")
plt.ylabel("accuracy on the current batch")
plt.ylim(0.4, 1.02)
plt.legend(loc="lower left")
plt.show()

assert mean(acc_frozen[before]) > 0.95, "before the change the frozen model should be accurate"
assert mean(acc_frozen[after]) < mean(acc_frozen[before]) - 0.2, (
    f"the frozen model should lose accuracy after the change: {mean(acc_frozen[after]):.3f}")
assert abs(mean(acc_frozen[after]) - (1 - angle / math.pi)) < 0.06, (
    f"after a turn by θ a linear model should be right on about 1 − θ/π of the points: "
    f"{mean(acc_frozen[after]):.3f} vs {1 - angle / math.pi:.3f}")
assert mean(acc_retrained[after]) > 0.95, (
    f"retraining on recent data should recover: {mean(acc_retrained[after]):.3f}")
