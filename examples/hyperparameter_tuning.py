"""With one of two hyperparameters mattering, random search beats a grid of the same budget."""

from __future__ import annotations

import matplotlib.pyplot as plt
import torch
from torch import Tensor

# A stand-in for the validation loss after training, as a function of u = log10(learning rate)
# in [−5, 0] and v = log10(weight decay) in [−6, −1]. The learning rate has a window about
# one decade wide; the weight decay hardly matters. Each of 2,000 problems puts the best
# values (u*, v*) elsewhere, so that no search strategy profits from a lucky placement.
gen = torch.Generator().manual_seed(0)
low, high = torch.tensor([-5.0, -6.0]), torch.tensor([0.0, -1.0])
problems = 2000
best = low + (high - low) * torch.rand(problems, 1, 2, generator=gen)


def one_matters(p: Tensor, opt: Tensor) -> Tensor:
    du, dv = p[..., 0] - opt[..., 0], p[..., 1] - opt[..., 1]
    return 0.2 + 0.6 * (1 - torch.exp(-((du / 0.7) ** 2))) + 0.01 * (dv / 5) ** 2


def both_matter(p: Tensor, opt: Tensor) -> Tensor:  # the control: v as important as u
    du, dv = p[..., 0] - opt[..., 0], p[..., 1] - opt[..., 1]
    return 0.2 + 0.6 * (1 - torch.exp(-((du / 0.7) ** 2) - (dv / 0.7) ** 2))


def grid_points(k: int) -> Tensor:
    """k × k grid, each value in the middle of one of k equal intervals (a well-placed grid)."""
    centres = (torch.arange(k) + 0.5) / k
    return torch.cartesian_prod(low[0] + (high[0] - low[0]) * centres,
                                low[1] + (high[1] - low[1]) * centres)


regret: dict[tuple[str, str], list[float]] = {}
wins = {}
budgets = (9, 16, 25)
for objective in (one_matters, both_matter):
    for k in (3, 4, 5):
        grid = grid_points(k)[None]                                  # the same for all problems
        rand = low + (high - low) * torch.rand(problems, k * k, 2, generator=gen)
        # Regret: best loss found minus the best possible loss, 0.2.
        grid_regret = objective(grid, best).min(dim=1).values - 0.2
        rand_regret = objective(rand, best).min(dim=1).values - 0.2
        regret.setdefault((objective.__name__, "grid"), []).append(grid_regret.mean().item())
        regret.setdefault((objective.__name__, "random"), []).append(rand_regret.mean().item())
        wins[objective.__name__, k * k] = (rand_regret < grid_regret).float().mean().item()

print(f"mean regret over {problems} problems (budget = number of training runs)")
for name in ("one_matters", "both_matter"):
    for i, budget in enumerate(budgets):
        print(f"{name:>11}, budget {budget:>2}: grid {regret[name, 'grid'][i]:.3f}, "
              f"random {regret[name, 'random'][i]:.3f}, "
              f"random better in {wins[name, budget]:.0%} of problems")
sample = low + (high - low) * torch.rand(9, 2, generator=gen)
print(f"distinct learning rates tried with 9 runs: grid {grid_points(3)[:, 0].unique().numel()}, "
      f"random {sample[:, 0].unique().numel()}")

fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.5))
u, v = torch.meshgrid(torch.linspace(-5, 0, 200), torch.linspace(-6, -1, 200), indexing="xy")
example_best = torch.tensor([-2.9, -3.0])
left.contourf(u, v, one_matters(torch.stack([u, v], dim=-1), example_best), levels=20,
              cmap="viridis")
for points, marker, name in ((grid_points(3), "s", "grid, 3 × 3"), (sample, "o", "random, 9")):
    left.scatter(points[:, 0], points[:, 1], marker=marker, edgecolor="white", label=name)
    left.plot(points[:, 0], torch.full((len(points),), -6.0), marker, markersize=8,
              clip_on=False, color=left.collections[-1].get_facecolor()[0])
left.set(title="Loss (dark = low); marks on the axis: learning rates tried",
         xlabel="log10 learning rate (matters)", ylabel="log10 weight decay (hardly matters)")
left.legend(loc="upper right")
for name, style in (("one_matters", "-"), ("both_matter", ":")):
    for method, color in (("grid", "C0"), ("random", "C1")):
        right.plot(budgets, regret[name, method], style, marker="o", color=color,
                   label=f"{method}, {name.replace('_', ' ')}")
right.set(title="Mean regret over 2,000 problems", xlabel="budget (runs)",
          ylabel="best loss found − best possible")
right.legend()
plt.show()

for i, budget in enumerate(budgets):
    grid_r, rand_r = regret["one_matters", "grid"][i], regret["one_matters", "random"][i]
    assert rand_r < 0.75 * grid_r and wins["one_matters", budget] > 0.6, (
        f"budget {budget}: random regret {rand_r:.3f} vs grid {grid_r:.3f}, "
        f"random better in {wins['one_matters', budget]:.0%}")
    # The control: when both hyperparameters matter, random search has no such advantage.
    assert regret["both_matter", "random"][i] > regret["both_matter", "grid"][i], (
        f"budget {budget}: expected no advantage for random search when both matter")
