"""Atomic checkpoints, RNG capture, and resuming bit for bit."""

from __future__ import annotations

import random
from pathlib import Path
from typing import IO, Any

import pytest
import torch
from torch import Tensor, nn
from torch.utils.data import TensorDataset

import trainer

Data = tuple[TensorDataset, TensorDataset]


def _parts(lr: float = 0.1) -> tuple[nn.Module, torch.optim.Optimizer,
                                      torch.optim.lr_scheduler.LRScheduler]:
    model = trainer.mlp(2, [4], 2)
    cfg = trainer.TrainConfig(lr=lr)
    optimizer = trainer.make_optimizer("momentum", model.parameters(), cfg)
    return model, optimizer, trainer.make_schedule("cosine", optimizer, cfg, 10)


def test_round_trip(tmp_path: Path) -> None:
    model, optimizer, scheduler = _parts()
    history = trainer.History(train_loss=[1.0, 0.5], best_epoch=2)
    trainer.save_checkpoint(tmp_path / "run.pt", model, optimizer, scheduler, 2,
                            trainer.rng_states(), history)
    state = trainer.load_checkpoint(tmp_path / "run.pt")
    assert state["epoch"] == 2 and state["history"] == history and state["best_model"] is None
    other = trainer.mlp(2, [4], 2)
    other.load_state_dict(state["model"])
    assert all(torch.equal(a, b) for a, b in zip(model.parameters(), other.parameters(),
                                                 strict=True))
    assert [p.name for p in tmp_path.iterdir()] == ["run.pt"]


def test_a_failed_save_leaves_the_previous_checkpoint(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "run.pt"
    model, optimizer, scheduler = _parts()
    trainer.save_checkpoint(path, model, optimizer, scheduler, 1, {}, trainer.History())

    def dies_halfway(obj: Any, f: IO[bytes]) -> None:
        f.write(b"PK\x03\x04 half a checkpoint")
        raise OSError("disk full")

    monkeypatch.setattr(torch, "save", dies_halfway)
    with pytest.raises(OSError, match="disk full"):
        trainer.save_checkpoint(path, model, optimizer, scheduler, 2, {}, trainer.History())
    monkeypatch.undo()
    assert trainer.load_checkpoint(path)["epoch"] == 1
    assert [p.name for p in tmp_path.iterdir()] == ["run.pt"]  # no temporary file left


def test_rng_states_replay_the_same_draws() -> None:
    states = trainer.rng_states()
    first = (torch.rand(3), random.random())
    trainer.restore_rng_states(states)
    again = (torch.rand(3), random.random())
    assert torch.equal(first[0], again[0]) and first[1] == again[1]


class _Interrupt(Exception):
    pass


def _weights(model: nn.Module) -> dict[str, Tensor]:
    return {k: v.detach().clone() for k, v in model.state_dict().items()}


@pytest.mark.parametrize("patience", [None, 1])
def test_resume_is_bitwise_equal_to_an_uninterrupted_run(moons: Data, tmp_path: Path,
                                                         patience: int | None) -> None:
    # Dropout, momentum, a schedule and a non-divisible batch size all carry state over.
    cfg = trainer.TrainConfig(epochs=4, batch_size=24, optimizer="nesterov", lr=0.05,
                              schedule="warmup_cosine", warmup_steps=3, patience=patience,
                              device="cpu")
    torch.manual_seed(0)
    whole = trainer.mlp(2, [16], 2, dropout=0.2)
    expected = trainer.train(whole, *moons, cfg)

    def stop_after_two(epoch: int, _: trainer.History) -> None:
        if epoch == 2:
            raise _Interrupt

    path = tmp_path / "run.pt"
    torch.manual_seed(0)
    with pytest.raises(_Interrupt):
        trainer.train(trainer.mlp(2, [16], 2, dropout=0.2), *moons, cfg,
                      checkpoint_path=path, on_epoch=stop_after_two)
    torch.manual_seed(123)  # a fresh process: other weights, other RNG state
    resumed = trainer.mlp(2, [16], 2, dropout=0.2)
    history = trainer.train(resumed, *moons, cfg, checkpoint_path=path, resume=True)

    assert history == expected
    got, want = _weights(resumed), _weights(whole)
    assert all(torch.equal(got[k], want[k]) for k in want)
    assert trainer.load_checkpoint(path)["epoch"] == len(expected.train_loss)


def test_resume_without_a_checkpoint_starts_fresh(moons: Data, tmp_path: Path) -> None:
    cfg = trainer.TrainConfig(epochs=1, device="cpu")
    history = trainer.train(trainer.mlp(2, [4], 2), *moons, cfg,
                            checkpoint_path=tmp_path / "new.pt", resume=True)
    assert len(history.train_loss) == 1 and (tmp_path / "new.pt").exists()
