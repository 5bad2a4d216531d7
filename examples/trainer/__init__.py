"""A small reference trainer, to be read top to bottom: config → data → model → optim → train.

    config.py   what a run is: `TrainConfig`, each choice a `Literal` of the names it takes
    data.py     small data sets, synthetic or bundled with scikit-learn; `split`
    model.py    an MLP and a small CNN; the classic weight initialisations
    optim.py    optimizers and learning-rate schedules by name; `minimize` for toy losses
    train.py    the entry point, `run(cfg)`: `build`, then `train` (the loop), `evaluate`,
                and the setup of a training process (device, seeds, torchrun)
    record.py   what a run records (`History`) and checkpoints that resume bit for bit

`python -m trainer --set optimizer=adam --dry-run` runs it from the command line.
Examples import the names below as `trainer.<name>`.
"""

from __future__ import annotations

from trainer.config import (
    DataName,
    DeviceName,
    InitName,
    ModelName,
    OptimizerName,
    ScheduleName,
    TrainConfig,
)
from trainer.data import (
    bars,
    digits,
    make_dataset,
    parity,
    quadratic,
    regression,
    split,
    two_moons,
    two_spirals,
)
from trainer.model import initialize, make_model, mlp, small_cnn
from trainer.optim import make_optimizer, make_schedule, minimize
from trainer.record import (
    CheckpointError,
    History,
    TrainingDiverged,
    load_checkpoint,
    restore_rng_states,
    rng_states,
    save_checkpoint,
)
from trainer.train import (
    autocast,
    build,
    evaluate,
    init_distributed,
    loss_of,
    pick_device,
    run,
    seed_everything,
    train,
)

__all__ = [
    "CheckpointError", "DataName", "DeviceName", "History", "InitName", "ModelName",
    "OptimizerName", "ScheduleName", "TrainConfig", "TrainingDiverged", "autocast", "bars",
    "build", "digits", "evaluate", "init_distributed", "initialize", "load_checkpoint",
    "loss_of", "make_dataset", "make_model", "make_optimizer", "make_schedule", "minimize",
    "mlp", "parity", "pick_device", "quadratic", "regression", "restore_rng_states",
    "rng_states", "run", "save_checkpoint", "seed_everything", "small_cnn", "split", "train",
    "two_moons", "two_spirals",
]
