"""With batch normalization a deep MLP trains at a learning rate at which the plain one diverges."""

from __future__ import annotations

import dataclasses
import math

import matplotlib.pyplot as plt

import trainer

# Six hidden layers of 64 units, Kaiming init, plain SGD, two moons; only BN and η differ.
base = trainer.TrainConfig(data="moons", hidden=(64,) * 6, init="kaiming", optimizer="sgd",
                           epochs=10, batch_size=32)
runs = {"no BN, η = 0.1": (False, 0.1), "no BN, η = 0.5": (False, 0.5),
        "BN, η = 0.5": (True, 0.5)}
curves: dict[str, list[float]] = {}
final: dict[str, float] = {}  # loss on the whole training set after training, eval mode
for name, (batchnorm, lr) in runs.items():
    cfg = dataclasses.replace(base, batchnorm=batchnorm, lr=lr)
    model, (train_data, val_data, _) = trainer.build(cfg)
    try:
        history = trainer.train(model, train_data, val_data, cfg)
    except trainer.TrainingDiverged as error:
        print(f"{name:>15}: diverged ({error})")
        final[name] = math.inf
        continue
    curves[name] = history.train_loss
    final[name], train_accuracy = trainer.evaluate(model, train_data, cfg,
                                                   trainer.pick_device(cfg))
    print(f"{name:>15}: training loss after {cfg.epochs} epochs {final[name]:.4f} "
          f"(accuracy {train_accuracy:.3f}), validation loss {history.val_loss[-1]:.4f} "
          f"(accuracy {history.val_accuracy[-1]:.3f})")

plt.figure(figsize=(6, 4))
for name, losses in curves.items():
    plt.semilogy(range(1, len(losses) + 1), losses, "o-", label=name)
plt.title("6 hidden layers, Kaiming init, SGD (no BN at η = 0.5: diverged)")
plt.xlabel("epoch")
plt.ylabel("mean training loss of the epoch (train mode)")
plt.legend()
plt.show()

with_bn, slow, fast = final["BN, η = 0.5"], final["no BN, η = 0.1"], final["no BN, η = 0.5"]
assert with_bn < 0.05, f"with BN at η = 0.5 the training loss should fall below 0.05: {with_bn}"
assert with_bn < 0.25 * slow, f"BN at η = 0.5: {with_bn:.4f}, no BN at η = 0.1: {slow:.4f}"
assert not fast < 3 * with_bn, f"no BN at η = 0.5 should diverge or lag far behind, got {fast}"
