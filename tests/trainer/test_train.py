"""The training loop: history, clipping, early stopping, divergence, seeding, devices."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import torch
from torch import Tensor, nn
from torch.utils.data import TensorDataset

import trainer
from trainer.train import _progress_bar

Data = tuple[TensorDataset, TensorDataset]


def _cfg(**changes: object) -> trainer.TrainConfig:
    numbers: dict[str, object] = {"epochs": 3, "batch_size": 32, "lr": 0.1, "device": "cpu"}
    return trainer.TrainConfig(**{**numbers, **changes})  # type: ignore[arg-type]


def _model(seed: int = 0, dropout: float = 0.0) -> nn.Module:
    torch.manual_seed(seed)
    return trainer.mlp(2, [16], 2, dropout=dropout)


def _weights(model: nn.Module) -> dict[str, Tensor]:
    return {k: v.detach().clone() for k, v in model.state_dict().items()}


def _same(a: dict[str, Tensor], b: dict[str, Tensor]) -> bool:
    return a.keys() == b.keys() and all(torch.equal(a[k], b[k]) for k in a)


def test_training_learns_and_records_every_epoch(moons: Data, tmp_path: Path) -> None:
    history = trainer.train(_model(), *moons, _cfg(optimizer="adam", lr=0.05, epochs=12))
    assert history.val_accuracy[-1] > max(0.8, history.val_accuracy[0])
    assert history.train_loss[-1] < history.train_loss[0]
    for curve in (history.train_loss, history.val_loss, history.grad_norm, history.lr):
        assert len(curve) == 12
    history.save_json(tmp_path / "history.json")
    assert trainer.History.load_json(tmp_path / "history.json") == history


def test_regression_has_no_accuracy() -> None:
    train, val = trainer.split(trainer.regression(64, in_features=2), [0.5, 0.5])
    history = trainer.train(trainer.mlp(2, [4], 1), train, val, _cfg(epochs=1))
    assert history.val_accuracy == [] and len(history.val_loss) == 1


def test_history_records_the_schedule(moons: Data) -> None:
    history = trainer.train(_model(), *moons, _cfg(schedule="step", step_size=4, gamma=0.5))
    assert history.lr == pytest.approx([0.1, 0.05, 0.025])  # 4 steps of 32 per epoch


def test_clipping_by_norm_bounds_the_applied_gradient(moons: Data) -> None:
    free = trainer.train(_model(), *moons, _cfg())
    clipped = trainer.train(_model(), *moons, _cfg(clip_norm=0.01))
    assert min(free.grad_norm) > 0.05
    assert max(clipped.grad_norm) <= 0.01 + 1e-6


def test_clipping_by_value_bounds_every_component(moons: Data) -> None:
    model = _model()
    components = sum(p.numel() for p in model.parameters())
    history = trainer.train(model, *moons, _cfg(clip_value=1e-4))
    assert max(history.grad_norm) <= 1e-4 * components**0.5 + 1e-7
    assert min(trainer.train(_model(), *moons, _cfg()).grad_norm) > 1e-4 * components**0.5


def test_early_stopping_stops_and_restores_the_best_weights(moons: Data) -> None:
    train, val = moons
    # Validation labels flipped: the better the fit, the worse the validation loss.
    flipped = TensorDataset(val.tensors[0], 1 - val.tensors[1])
    seen: dict[int, dict[str, Tensor]] = {}
    model = _model()
    history = trainer.train(model, train, flipped, _cfg(epochs=10, patience=2),
                            on_epoch=lambda epoch, _: seen.update({epoch: _weights(model)}))
    assert history.best_epoch == 1 and sorted(seen) == [1, 2, 3]
    assert _same(_weights(model), seen[1]) and not _same(seen[1], seen[3])


def test_patience_needs_validation_data(moons: Data) -> None:
    with pytest.raises(ValueError, match="needs validation data"):
        trainer.train(_model(), moons[0], None, _cfg(patience=2))


class _BreaksOnCall(nn.Module):
    """A linear regression that adds `value` (NaN or inf) to its outputs from the n-th call on."""

    def __init__(self, n: int, value: float) -> None:
        super().__init__()
        self.linear, self.n, self.value, self.calls = nn.Linear(2, 1), n, value, 0

    def forward(self, x: Tensor) -> Tensor:
        self.calls += 1
        out: Tensor = self.linear(x)
        return out + self.value if self.calls >= self.n else out


@pytest.mark.parametrize("value", [float("nan"), float("inf")])
def test_a_non_finite_loss_names_epoch_step_and_value(value: float) -> None:
    data = trainer.regression(128, in_features=2)
    # 128 samples in batches of 32: call 6 is step 2 of epoch 2.
    with pytest.raises(trainer.TrainingDiverged, match=rf"loss is {value} at epoch 2, step 2 "):
        trainer.train(_BreaksOnCall(6, value), data, None, _cfg())


def test_same_seed_same_weights(moons: Data) -> None:
    runs = []
    for _ in range(2):
        model = _model(dropout=0.3)  # dropout draws from the global RNG while training
        trainer.train(model, *moons, _cfg(optimizer="momentum"))
        runs.append(_weights(model))
    other = _model(dropout=0.3)
    during: list[bool] = []
    trainer.train(other, *moons, _cfg(optimizer="momentum", seed=1),
                  on_epoch=lambda epoch, history: during.append(
                      torch.are_deterministic_algorithms_enabled()))
    assert _same(runs[0], runs[1]) and not _same(runs[0], _weights(other))
    # Deterministic algorithms while training on the CPU, and as they were afterwards.
    assert during == [True] * 3
    assert not torch.are_deterministic_algorithms_enabled()


def test_the_caller_keeps_its_own_deterministic_setting(moons: Data) -> None:
    torch.use_deterministic_algorithms(True, warn_only=True)
    try:
        trainer.train(_model(), *moons, _cfg(epochs=1))
        assert torch.are_deterministic_algorithms_enabled()
        assert torch.is_deterministic_algorithms_warn_only_enabled()
    finally:
        torch.use_deterministic_algorithms(False)


def test_a_run_that_fails_leaves_the_setting_as_it_was(moons: Data) -> None:
    def stop(epoch: int, history: trainer.History) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        trainer.train(_model(), *moons, _cfg(epochs=2), on_epoch=stop)
    assert not torch.are_deterministic_algorithms_enabled()


class _Terminal(io.StringIO):
    """A stderr that says it is a terminal and keeps what is written to it."""

    def isatty(self) -> bool:
        return True


def test_progress_bar_is_silent_off_a_terminal(moons: Data,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    trainer.train(_model(), *moons, _cfg(epochs=2))
    assert capsys.readouterr().err == ""


def test_progress_bar_draws_on_a_terminal_and_leaves_the_numbers_alone(
        moons: Data, monkeypatch: pytest.MonkeyPatch) -> None:
    quiet = _model()
    expected = trainer.train(quiet, *moons, _cfg(epochs=2, schedule="step", step_size=4))
    terminal = _Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    drawn = _model()
    history = trainer.train(drawn, *moons, _cfg(epochs=2, schedule="step", step_size=4))
    assert history == expected and _same(_weights(drawn), _weights(quiet))
    screen = terminal.getvalue()
    last = screen.rstrip("\n").rsplit("\r", 1)[-1]  # the line left standing
    assert last.startswith("epoch 2/2: 100%") and "| 8/8 [" in last
    loss, val_loss, accuracy = (history.train_loss[-1], history.val_loss[-1],
                                history.val_accuracy[-1])
    assert last.endswith(f", loss={loss:.4g}, val_loss={val_loss:.4g}, val_acc={accuracy:.3f}, "
                         "lr=0.025]")  # the rate for the next step: 0.1 halved every 4 steps
    assert screen.endswith("\n")  # closed: whatever comes next starts on its own line


def test_progress_bar_is_closed_when_training_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = _Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    with pytest.raises(trainer.TrainingDiverged) as failure:
        trainer.train(_BreaksOnCall(6, float("nan")), trainer.regression(128, in_features=2),
                      None, _cfg())
    # `failure` holds the failed frame, and with it the bar: only close() can end the line.
    assert failure.match("epoch 2") and terminal.getvalue().endswith("\n")
    assert "epoch 2/3:" in terminal.getvalue()


def test_progress_bar_draws_on_rank_zero_only(monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = _Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    for rank in (1, 0):
        with _progress_bar(total=4, initial=1, rank=rank) as bar:
            bar.update(3)
        assert ("4/4" in terminal.getvalue()) == (rank == 0)


def test_pick_device(monkeypatch: pytest.MonkeyPatch) -> None:
    assert trainer.pick_device(_cfg(device="cpu")) == torch.device("cpu")
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    assert trainer.pick_device(_cfg(device="auto")) == torch.device("cpu")
    with pytest.raises(ValueError, match="no CUDA device"):
        trainer.pick_device(_cfg(device="cuda"))


@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA device")
def test_cuda_training_with_bf16_autocast(moons: Data) -> None:
    cfg = _cfg(device="auto", optimizer="adam", lr=0.02, epochs=8)
    assert trainer.pick_device(cfg).type == "cuda"
    with trainer.autocast(trainer.pick_device(cfg)):
        assert nn.Linear(2, 2).cuda()(torch.ones(1, 2, device="cuda")).dtype == torch.bfloat16
    model = _model()
    history = trainer.train(model, *moons, cfg)
    assert next(model.parameters()).is_cuda and history.val_accuracy[-1] > 0.85
