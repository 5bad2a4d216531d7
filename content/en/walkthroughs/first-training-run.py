# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Your first training run
#
# This walkthrough takes one small classifier through a complete [training](#Training)
# run with the glossary's reference trainer (`examples/trainer`). You will set up a
# configuration, look at the data, build a model, train it, read the recorded metrics,
# draw what the model has learned, and finally change one thing and see what happens.
#
# Everything is seeded, so running the page again gives the same numbers on a CPU.
# The trainer picks a GPU by itself when there is one; the numbers then differ slightly,
# the story does not.

# %%
from dataclasses import fields, replace

import matplotlib.pyplot as plt
import torch
from matplotlib.axes import Axes

import trainer

cfg = trainer.TrainConfig(noise=0.2, optimizer="adam", lr=0.01, epochs=60)

# Show only what differs from the defaults: that is what makes this run special.
defaults = trainer.TrainConfig()
changed = {f.name: getattr(cfg, f.name) for f in fields(cfg)
           if getattr(cfg, f.name) != getattr(defaults, f.name)}
print("changed from the defaults:", changed)
print("device:", trainer.pick_device(cfg))

# %% [markdown]
# ## One dataclass describes the whole run
#
# `TrainConfig` is a plain dataclass: names choose the parts (data set, model, optimizer,
# schedule), numbers tune them. We keep most defaults, among them a small MLP, the
# *two moons* data with 512 points, mini-batches of 32 and seed 0. Four fields change:
# noisier points so the task is not trivial, Adam as the optimizer,
# a [learning rate](#Learning-Rate) of 0.01 (ten times PyTorch's default for Adam,
# which suits a network this small), and 60 epochs, more than the problem needs.
# That last choice is deliberate, as you will see.
#
# ## The data
#
# `trainer.build(cfg)` creates the data set and the model the config names. It shuffles the
# points once and cuts them 60/20/20 into a training, a validation and a test part. The
# model learns only from the training part; the validation part tells us how well it
# generalizes while we are still making decisions; the test part stays locked away until
# the very end.

# %%
model, (train_data, val_data, test_data) = trainer.build(cfg)
print(f"{len(train_data)} training, {len(val_data)} validation, {len(test_data)} test points")

x, y = train_data.tensors
plt.figure(figsize=(5, 3.5))
plt.scatter(x[:, 0], x[:, 1], c=y, cmap="coolwarm", s=12)
plt.title("Training data: two moons with noise 0.2")
plt.xlabel("$x_1$")
plt.ylabel("$x_2$")
plt.show()

# %% [markdown]
# Two interleaved half circles, one per class. With this much noise they overlap at the
# tips, so no model can get every point right.
#
# ## The model
#
# The default model is a multilayer perceptron: two hidden layers of 32 units with ReLU
# after each. It reads the two coordinates of a point and returns two numbers, one score
# (logit) per class. The [loss function](#Loss-Function) is cross-entropy, which turns
# the scores into probabilities and punishes confident mistakes hardest.

# %%
print(model)
n_parameters = sum(p.numel() for p in model.parameters())
print(f"{n_parameters} parameters")

# %% [markdown]
# ## Training
#
# `trainer.train` runs the loop. Each epoch shuffles the training part into mini-batches,
# and for every batch it computes the loss, backpropagates, and lets the optimizer take one
# step of [gradient descent](#Gradient-Descent). After each epoch it measures the model
# on the validation part. What it returns is a `History` with one entry per epoch.
#
# `trainer.run(cfg)` does `build` and `train` in one call; we keep them apart here because
# the plots below need the data.

# %%
history = trainer.train(model, train_data, val_data, cfg)

print("epoch  train loss  val loss  val acc  grad norm     lr")
for epoch in [1, *range(5, cfg.epochs + 1, 5)]:
    i = epoch - 1
    print(f"{epoch:5d}  {history.train_loss[i]:10.4f}  {history.val_loss[i]:8.4f}  "
          f"{history.val_accuracy[i]:7.3f}  {history.grad_norm[i]:9.3f}  {history.lr[i]:.3f}")
print(f"lowest validation loss after epoch {history.best_epoch}")

# %% [markdown]
# ## Reading the history
#
# Each list in the history holds one value per epoch:
#
# - `train_loss` is the mean loss over the epoch's mini-batches, each measured just
#   *before* its update. The weights move during the epoch, so this number trails the
#   model a little.
# - `val_loss` and `val_accuracy` are measured on the validation part after the epoch,
#   with the weights held fixed.
# - `grad_norm` is the mean length of the gradient the optimizer received. Large or erratic
#   values are a warning sign; when gradients explode,
#   [gradient clipping](#Gradient-Clipping) is the usual remedy.
# - `lr` is the learning rate at the start of the epoch. It stays put here; a
#   learning-rate schedule would make it change.
#
# The curves tell the main story. The training loss drops fast in the first epochs and then
# stays low, wobbling a little. The validation loss falls only for a few epochs, reaches
# its minimum, and then drifts back up, spikes included: from there on the model learns the
# noise of its 307 training points rather than the shape of the moons. This is
# *overfitting*. Accuracy hardly notices. A point only counts as wrong once it crosses the
# boundary, whereas cross-entropy already grows when the model becomes overconfident.

# %%
epochs = range(1, len(history.train_loss) + 1)
fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.5))
left.plot(epochs, history.train_loss, label="training")
left.plot(epochs, history.val_loss, label="validation")
left.axvline(history.best_epoch, color="gray", linestyle=":", label="lowest validation loss")
left.set(title="Loss", xlabel="epoch", ylabel="cross-entropy")
left.legend()
right.plot(epochs, history.val_accuracy, color="C1")
right.set(title="Validation accuracy", xlabel="epoch", ylabel="accuracy")
fig.tight_layout()
plt.show()

# %% [markdown]
# ## What the model has learned
#
# A classifier with two inputs can be drawn. Evaluate it on a fine grid over the plane and
# colour each grid point by the predicted probability of class 1; the black line, where
# that probability is 0.5, is the *decision boundary*. The dots are the validation points,
# which the model never trained on.

# %%
device = next(model.parameters()).device
x1, x2 = torch.meshgrid(torch.linspace(-1.7, 2.7, 200), torch.linspace(-1.2, 1.7, 200),
                        indexing="xy")
grid = torch.stack([x1.flatten(), x2.flatten()], dim=1).to(device)
x_val, y_val = val_data.tensors


def plot_boundary(ax: Axes, net: torch.nn.Module, title: str) -> None:
    """Probability of class 1 over the plane, the 0.5 line, and the validation points."""
    net.eval()
    with torch.no_grad():
        p_class_1 = net(grid).softmax(dim=1)[:, 1].reshape(x1.shape).cpu()
    ax.contourf(x1, x2, p_class_1, levels=20, cmap="coolwarm", alpha=0.7)
    ax.contour(x1, x2, p_class_1, levels=[0.5], colors="black")
    ax.scatter(x_val[:, 0], x_val[:, 1], c=y_val, cmap="coolwarm", s=12, edgecolors="black")
    ax.set(title=title, xlabel="$x_1$", ylabel="$x_2$")


fig, ax = plt.subplots(figsize=(5, 3.5))
plot_boundary(ax, model, f"Decision boundary after {cfg.epochs} epochs")
plt.show()

# %% [markdown]
# The boundary follows the moons well. What gives the model away is the colour: it
# switches from one class to the other within a narrow band, so the model is very sure of
# itself almost everywhere, even right next to the boundary where the classes overlap.
# That overconfidence is exactly what the rising validation loss measured.
#
# ## One change: early stopping
#
# Instead of guessing the right number of epochs, let the validation loss decide.
# [Early stopping](#Early-Stopping) with `patience=10` ends training once ten epochs
# in a row have failed to beat the best validation loss so far, and then puts back the
# weights of that best epoch. Everything else stays as it was, the seed included, so the
# new run starts from the same weights and retraces the first run until it stops.

# %%
es_cfg = replace(cfg, patience=10)
es_model, _ = trainer.build(es_cfg)  # the same seed, so the same initial weights
es_history = trainer.train(es_model, train_data, val_data, es_cfg)
print(f"stopped after {len(es_history.train_loss)} of {cfg.epochs} epochs, "
      f"kept the weights of epoch {es_history.best_epoch}")

results = {}
columns = ["val loss", "val acc", "test loss", "test acc"]
print(" " * 14 + "".join(f"{column:>14}" for column in columns))
for name, net in [(f"{cfg.epochs} epochs", model), ("early stopping", es_model)]:
    results[name] = (*trainer.evaluate(net, val_data, cfg, device),
                     *trainer.evaluate(net, test_data, cfg, device))
    print(f"{name:>14}" + "".join(f"{value:14.4f}" for value in results[name]))

fig, (left, right) = plt.subplots(1, 2, figsize=(10, 3.5))
plot_boundary(left, model, f"{cfg.epochs} epochs")
plot_boundary(right, es_model, f"early stopping: weights of epoch {es_history.best_epoch}")
fig.tight_layout()
plt.show()

# Guard the walkthrough's claims, with room for other hardware to round differently.
es_val_accuracy = results["early stopping"][1]
assert len(es_history.train_loss) < cfg.epochs, "early stopping should have ended the run"
assert es_val_accuracy is not None  # class labels: evaluate() measures an accuracy
assert es_val_accuracy > 0.9, f"validation accuracy {es_val_accuracy:.3f} is unexpectedly low"

# %% [markdown]
# The early-stopped run needs only a fraction of the epochs and ends with a much lower
# validation loss; on the right, the transition between the classes is wider and softer.
# Only now, with every decision made, do we look at the test part: it estimates how the
# chosen model does on data that played no role in choosing it. Its loss confirms that the
# early-stopped model is better calibrated. The accuracies of the two models differ by a
# few percentage points at most, and with about 100 test points a single point already
# makes one percentage point, so that difference is mostly chance.
#
# Where to go from here: replace early stopping with `schedule="cosine"` and watch the `lr`
# column, or try `data="spirals"`, a much harder problem for the same little network.
