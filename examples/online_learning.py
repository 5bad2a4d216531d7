"""Updated after every example, an online model improves along a stream and recovers from drift."""

from __future__ import annotations

import copy
import math

import matplotlib.pyplot as plt
import torch
import torch.nn.functional as F
from torch import nn

# A stream of 2,000 points; the label is which side of a line a point lies on, 5% of labels
# are flipped. At t = 1,000 the line turns by 90 degrees (concept drift).
steps, drift, flip_rate = 2000, 1000, 0.05
g = torch.Generator().manual_seed(0)
x = torch.randn(steps, 2, generator=g)
angle = torch.where(torch.arange(steps) < drift, 0.0, math.pi / 2)
normal = torch.stack([torch.cos(angle), torch.sin(angle)], dim=1)
y = ((x * normal).sum(dim=1) + 0.3 > 0).float()
y = torch.where(torch.rand(steps, generator=g) < flip_rate, 1 - y, y)

torch.manual_seed(0)
model = nn.Linear(2, 1)  # logistic regression
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)  # constant rate: it has to keep up
mistakes = torch.zeros(steps)
frozen = None
for t in range(steps):
    if t == drift:
        frozen = copy.deepcopy(model)  # a model trained once on the first half, then deployed
    logit = model(x[t])
    mistakes[t] = float((logit.item() > 0) != bool(y[t]))  # test on the new example first ...
    optimizer.zero_grad()
    F.binary_cross_entropy_with_logits(logit, y[t : t + 1]).backward()
    optimizer.step()  # ... then train on it: one example, one step

assert frozen is not None
with torch.no_grad():
    frozen_mistakes = ((frozen(x[drift:]).squeeze(1) > 0).float() != y[drift:]).float()

cumulative = mistakes.cumsum(0) / torch.arange(1, steps + 1)  # prequential error so far


def window(start: int, size: int = 100) -> float:
    return mistakes[start : start + size].mean().item()


settled, after_drift = window(500, 500), window(drift)
online_late, frozen_late = window(1500, 500), frozen_mistakes[500:].mean().item()
for t in (100, 500, 1000):
    print(f"prequential error over the first {t:>4} examples: {cumulative[t - 1]:.3f}")
print(f"error rate on examples    0-99:  {window(0):.3f}")
print(f"error rate on examples  500-999:  {settled:.3f}")
print(f"error rate on examples 1000-1099: {after_drift:.3f} (just after the drift)")
print(f"error rate on examples 1500-1999: {online_late:.3f} online, {frozen_late:.3f} frozen "
      f"(flipped labels: {flip_rate})")

# Error over a sliding window of 100 examples.
t_axis = torch.arange(100, steps + 1)
sliding = mistakes.unfold(0, 100, 1).mean(dim=1)
sliding_frozen = frozen_mistakes.unfold(0, 100, 1).mean(dim=1)
plt.figure(figsize=(7, 4))
plt.plot(t_axis, sliding, label="online model, last 100 examples")
plt.plot(t_axis[drift:], sliding_frozen, label="frozen at t = 1000, last 100 examples")
plt.plot(torch.arange(10, steps + 1), cumulative[9:], "--", label="online model, cumulative")
plt.axhline(flip_rate, color="gray", linestyle=":", label="share of flipped labels")
plt.axvline(drift, color="black", linewidth=0.8, label="concept drift")
plt.title("Prequential (test-then-train) error on a stream")
plt.xlabel("example t")
plt.ylabel("error rate")
plt.ylim(0, 0.85)
plt.legend(loc="upper left", bbox_to_anchor=(0.08, 1.0), fontsize=8)
plt.show()

assert cumulative[drift - 1] < cumulative[99], (
    f"prequential error did not fall: {cumulative[99]:.3f} after 100, "
    f"{cumulative[drift - 1]:.3f} after {drift} examples")
assert settled < 0.12 and settled < window(0), (
    f"before the drift the model did not settle: {window(0):.3f} → {settled:.3f}")
assert after_drift > 2 * settled, (
    f"the drift did not show: {settled:.3f} before, {after_drift:.3f} right after it")
assert online_late < 0.12 and frozen_late > 0.3, (
    f"after the drift: online {online_late:.3f} (expected < 0.12), frozen {frozen_late:.3f} "
    "(expected > 0.3)")
