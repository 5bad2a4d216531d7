"""k-means, in a few lines of torch, recovers four well-separated clusters without any labels."""

from __future__ import annotations

import itertools

import matplotlib.pyplot as plt
import torch
from torch import Tensor

# Four Gaussian blobs of 100 points each; the true labels are kept only to grade the result.
g = torch.Generator().manual_seed(0)
true_centres = torch.tensor([[0.0, 0.0], [4.0, 0.0], [0.0, 4.0], [4.0, 4.0]])
truth = torch.arange(400) % 4
x = true_centres[truth] + 0.6 * torch.randn(400, 2, generator=g)
k = 4


def kmeans_plus_plus(points: Tensor, k: int, gen: torch.Generator) -> Tensor:
    """Arthur & Vassilvitskii (2007): each new centre drawn with probability ∝ squared distance."""
    centres = points[torch.randint(len(points), (1,), generator=gen)]
    for _ in range(k - 1):
        d2 = torch.cdist(points, centres).min(dim=1).values ** 2
        centres = torch.cat([centres, points[torch.multinomial(d2, 1, generator=gen)]])
    return centres


def lloyd(points: Tensor, centres: Tensor) -> tuple[Tensor, Tensor, list[float]]:
    """Assign to the nearest centre, move each centre to its points' mean; until nothing changes."""
    inertia, assignment = [], None
    for _ in range(100):
        d2 = torch.cdist(points, centres) ** 2
        new = d2.argmin(dim=1)
        inertia.append(d2.gather(1, new[:, None]).sum().item())  # sum of squared distances
        if assignment is not None and torch.equal(new, assignment):
            break
        assignment = new
        centres = torch.stack([points[assignment == j].mean(dim=0) if (assignment == j).any()
                               else centres[j] for j in range(len(centres))])
    assert assignment is not None
    return centres, assignment, inertia


def matched_accuracy(assignment: Tensor) -> float:
    """Cluster ids are arbitrary: the accuracy under the best renaming of clusters to labels."""
    return max((torch.tensor(p)[assignment] == truth).float().mean().item()
               for p in itertools.permutations(range(k)))


runs = [lloyd(x, kmeans_plus_plus(x, k, torch.Generator().manual_seed(seed)))
        for seed in range(10)]
finals = [inertia[-1] for _, _, inertia in runs]
best = min(range(len(runs)), key=lambda i: finals[i])
centres, assignment = runs[best][:2]
print("final inertia of 10 k-means++ restarts:", ", ".join(f"{v:.0f}" for v in finals))
print("iterations until no point changed its cluster:",
      ", ".join(str(len(inertia)) for _, _, inertia in runs))
stuck = sum(v > 1.1 * finals[best] for v in finals)
best_accuracy = matched_accuracy(assignment)
centre_error = torch.cdist(centres, true_centres).min(dim=1).values.max().item()
print(f"{stuck} of 10 restarts ended in a worse local minimum")
print(f"best restart: inertia {finals[best]:.0f}, accuracy after matching labels "
      f"{best_accuracy:.3f}, farthest centre {centre_error:.3f} from a true one")

fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4), layout="constrained")
for j in range(k):
    left.scatter(*x[assignment == j].T, s=8, label=f"cluster {j}")
left.scatter(*centres.T, marker="*", s=250, c="black", label="k-means centres")
left.scatter(*true_centres.T, marker="x", s=80, c="red", label="true centres")
left.set_title(f"Best of 10 restarts: accuracy {best_accuracy:.3f} after matching")
left.set_xlabel("x₁")
left.set_ylabel("x₂")
left.legend(fontsize=8)
for i, (_, _, inertia) in enumerate(runs):
    right.plot(range(len(inertia)), inertia, marker="o", markersize=3,
               color="tab:red" if finals[i] > 1.1 * finals[best] else "tab:blue",
               label=("worse local minimum" if finals[i] > 1.1 * finals[best] else
                      "lowest inertia found"))
handles, labels = right.get_legend_handles_labels()
unique = dict(zip(labels, handles, strict=True))
right.legend(unique.values(), unique.keys())
right.set_yscale("log")
right.set_title("Inertia per iteration, 10 k-means++ restarts")
right.set_xlabel("iteration")
right.set_ylabel("sum of squared distances")
plt.show()

for seed, (_, _, inertia) in enumerate(runs):
    assert all(b <= a + 1e-3 for a, b in itertools.pairwise(inertia)), (
        f"restart {seed}: the inertia rose during Lloyd's iterations: {inertia}")
assert best_accuracy >= 0.98, f"best restart matched only {best_accuracy:.3f} of the labels"
assert centre_error < 0.3, f"a centre is {centre_error:.3f} away from the nearest true centre"
