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
# # Optimierer im Vergleich
#
# Ein Optimierer legt fest, wie aus dem Gradienten der
# [Verlustfunktion](#Loss-Function) eine Änderung der Gewichte wird. Der einfache
# [Gradientenabstieg](#Gradient-Descent) (SGD) geht schlicht gegen den Gradienten,
# skaliert mit der [Lernrate](#Learning-Rate). Die sechs anderen Optimierer des
# Referenz-Trainers ergänzen eine von zwei Ideen: [Momentum](#Momentum) merkt sich
# frühere Gradienten (Momentum, Nesterov), adaptive Verfahren geben jedem Gewicht eine
# eigene Schrittweite (Adagrad, RMSProp, Adam, AdamW).
#
# Auf dieser Seite siehst du zuerst an einer Spielzeugfunktion, *warum* diese Ideen
# helfen. Danach treten alle sieben auf demselben kleinen neuronalen Netz gegeneinander an.

# %%
from __future__ import annotations

from dataclasses import replace
from typing import Any

import matplotlib.pyplot as plt
import torch

import trainer

loss, w0 = trainer.quadratic(dim=10, kappa=100.0, seed=0)
eigenvalues = torch.linalg.eigvalsh(torch.func.hessian(loss)(w0))
lam_min, lam_max = eigenvalues.min().item(), eigenvalues.max().item()
f0 = loss(w0).item()
print(f"Krümmungen von {lam_min:.0f} bis {lam_max:.0f}: Konditionszahl {lam_max / lam_min:.0f}")
print(f"Verlust am Start {f0:.1f}, im Minimum 0")

# %% [markdown]
# ## Ein langes, enges Tal
#
# `trainer.quadratic` baut $f(w) = \tfrac12 w^\top A w$ in zehn Dimensionen. Die
# Eigenwerte von $A$ sind die Krümmungen entlang der Achsen des Tals: 100 entlang der
# steilsten Achse, 1 entlang der flachsten. Ihr Verhältnis, die *Konditionszahl*
# $\kappa = 100$, macht das Problem schwierig.
#
# Bei SGD mit der Rate $\eta$ schrumpft der Abstand zum Minimum entlang einer Achse mit der
# Krümmung $\lambda$ in jedem Schritt auf das $|1 - \eta\lambda|$-Fache. Entlang der steilen
# Achse wird dieser Faktor größer als 1, sobald $\eta > 2/\lambda_{\max} = 0{,}02$ gilt:
# Die Gewichte springen von Wand zu Wand, jedes Mal weiter hinaus. Die steile Achse
# deckelt also die Rate, und entlang der flachen Achse schrumpft der Abstand selbst bei der
# größten stabilen Rate pro Schritt nur um 2 % ($1 - 0{,}02 \cdot 1 = 0{,}98$). Prüfen
# wir das mit `trainer.minimize`: Es lässt den Optimierer aus der Konfiguration auf eine
# Funktion los und liefert den Verlust vor jedem Schritt. Als Ziel gilt ein Millionstel
# des Startverlusts.

# %%
steps = 300
target = 1e-6 * f0


def steps_to(losses: list[float], goal: float) -> int | None:
    """Schritte, bis der Verlust zum ersten Mal unter goal lag; None, falls nie."""
    return next((step for step, value in enumerate(losses) if value < goal), None)


def best_rate(runs: dict[float, list[float]]) -> float:
    """Die Lernrate, deren Lauf das Ziel in den wenigsten Schritten erreicht hat."""
    reached = {lr: steps_to(losses, target) for lr, losses in runs.items()}
    return min((n, lr) for lr, n in reached.items() if n is not None)[1]


limit = 2 / lam_max
sgd_runs = {}
print(f"    η / (2/λ_max)       η  Verlust nach {steps} Schritten  Schritte bis zum Ziel")
for factor in (0.25, 0.5, 0.75, 0.95, 1.05):
    cfg = trainer.TrainConfig(optimizer="sgd", lr=factor * limit)
    losses = sgd_runs[cfg.lr] = trainer.minimize(loss, w0, cfg, steps)
    reached = steps_to(losses, target)
    print(f"{factor:17.2f}  {cfg.lr:6.4f}  {losses[-1]:27.2e}  "
          f"{'nie' if reached is None else reached:>21}")
sgd_lr = best_rate(sgd_runs)

# %% [markdown]
# Knapp über der Grenze divergiert SGD, knapp darunter konvergiert es, aber langsam. Mit
# seiner besten stabilen Rate geht SGD ins folgende Wettrennen.
#
# Jeder andere Optimierer bekommt die beste Rate aus einem Raster von sechs Werten,
# gemessen daran, wie schnell er das Ziel erreicht. Die Raster unterscheiden sich je nach
# Familie. SGD-artige Verfahren machen Schritte proportional zum Gradienten, ihre Rate
# liegt daher in der Größenordnung $1/\lambda$. Adaptive Verfahren teilen den Gradienten
# durch eine laufende Schätzung seiner Größe; ihre Rate ist deshalb ungefähr eine Strecke
# im Gewichtsraum pro Schritt, hier in der Größenordnung des Abstands zum Minimum. AdamW
# setzt diese Runde aus: Sein Weight Decay zieht die Gewichte in Richtung null, und das
# ist bei dieser Funktion zufällig genau das Minimum – eine unfaire Abkürzung.

# %%
grids: dict[trainer.OptimizerName, list[float]] = {
    "momentum": [0.0025 * 2**k for k in range(6)],
    "nesterov": [0.0025 * 2**k for k in range(6)],
    "adagrad": [0.125 * 2**k for k in range(6)],
    "rmsprop": [0.125 * 2**k for k in range(6)],
    "adam": [0.125 * 2**k for k in range(6)],
}
best: dict[trainer.OptimizerName, tuple[float, list[float]]] = {"sgd": (sgd_lr, sgd_runs[sgd_lr])}
for name, rates in grids.items():
    runs = {lr: trainer.minimize(loss, w0, trainer.TrainConfig(optimizer=name, lr=lr), steps)
            for lr in rates}
    lr = best_rate(runs)
    best[name] = (lr, runs[lr])

quadratic_steps = {name: steps_to(losses, target) for name, (_, losses) in best.items()}
print(f"Optimierer  beste η  Schritte bis zum Ziel  Verlust nach {steps} Schritten")
plt.figure(figsize=(6, 4))
for name, (lr, losses) in best.items():
    print(f"{name:>10}  {lr:7.4f}  {quadratic_steps[name]:21d}  {losses[-1]:27.2e}")
    plt.semilogy(losses, label=f"{name} (η = {lr:g})")
plt.axhline(target, color="gray", linestyle=":", label="Ziel")
plt.title("Schlecht konditionierte quadratische Funktion, κ = 100")
plt.xlabel("Schritt")
plt.ylabel("Verlust")
plt.legend(fontsize="small")
plt.show()

# %% [markdown]
# Momentum braucht etwas mehr als die Hälfte der Schritte von SGD, Nesterov nur gut ein
# Drittel. Quer zum Tal wechselt der Gradient von Schritt zu Schritt das Vorzeichen; diese
# Anteile heben sich in der laufenden Summe der Gradienten gegenseitig auf. Der kleine,
# aber stetige Schub entlang der Talsohle addiert sich dagegen. So bekommt Momentum beides:
# ruhige Schritte quer zum Tal und weite Sprünge in Längsrichtung. Nesterov wertet den
# Gradienten an dem Punkt aus, zu dem die Geschwindigkeit gleich führen wird, und bremst
# deshalb vor dem Überschießen statt erst danach.
#
# Die adaptiven Verfahren gewinnen aus einem anderen Grund: Sie teilen den Schritt jeder
# Koordinate durch die typische Größe ihrer Gradienten, schwache Gradienten bedeuten also
# keine kleinen Schritte mehr. Weil die Achsen des Tals gegen die Koordinaten gedreht sind,
# beseitigt diese Umskalierung nur einen Teil des Ungleichgewichts, spart aber trotzdem
# zwischen einem Drittel und der Hälfte der Schritte von SGD. RMSProp zeigt dabei eine
# typische Schwäche: Es erreicht das Ziel schnell, fliegt dann wieder hinaus und kommt
# zurück, immer wieder. Sein Mittel der quadrierten Gradienten hat ein kurzes Gedächtnis.
# Werden die Gradienten nahe dem Minimum klein, schrumpft das Mittel mit, und der
# normierte Schritt bleibt ungefähr so groß wie die Rate. Adam aktualisiert sein Mittel
# viel langsamer und erinnert sich noch an die großen Gradienten vom Anfang, deshalb werden
# seine Schritte immer kleiner.
#
# ## Das Rennen auf einem echten Netz
#
# Ein Netz ist keine quadratische Funktion, aber auch seine Verlustlandschaft hat steile
# und flache Richtungen. Die Aufgabe: die zwei Spiralen, der schwierigere der beiden
# zweidimensionalen Datensätze des Trainers, mit einem MLP aus zwei verborgenen Schichten
# zu je 64 Einheiten. Damit du die Optimierer siehst und nicht das Rauschen der
# Mini-Batches, nutzt jeder Schritt den ganzen Trainingsteil (Batchgröße 512 ist mehr als
# seine 307 Punkte); eine Epoche ist also genau ein Schritt. Jeder Optimierer bekommt
# 300 Schritte und eine Lernrate, gewählt nach Erfahrung:
#
# - **SGD, 0,5.** Mit dem exakten Gradienten über alle Daten verträgt einfaches SGD große
#   Raten. Ab 1 fiel der Verlust in einem Probelauf nicht mehr gleichmäßig, also bleiben
#   wir bei der Hälfte.
# - **Momentum und Nesterov, 0,1.** Mit $\beta = 0{,}9$ summiert die Geschwindigkeit bis
#   zu $1/(1-\beta) = 10$ Gradienten auf, 0,1 entspricht also einem effektiven Schritt
#   von 1. Das ist doppelt so viel wie bei SGD; Momentum verträgt mehr, weil sich
#   Hin-und-her-Anteile in der Geschwindigkeit aufheben – allerdings nur bis zu einem
#   gewissen Punkt, wie die Grafik zeigen wird.
# - **Adagrad, 0,05.** Es teilt durch die Wurzel aus *allen* bisherigen quadrierten
#   Gradienten, die effektive Rate jedes Gewichts kann also nur sinken. Deshalb braucht es
#   einen höheren Startwert als RMSProp oder Adam.
# - **RMSProp, 0,003.** PyTorchs RMSProp beginnt sein Mittel der quadrierten Gradienten
#   bei null und korrigiert das nicht; die ersten Schritte sind daher bis zu zehnmal so
#   groß wie die Rate. Darum liegt sie unter der von Adam.
# - **Adam, 0,01.** Dank Bias-Korrektur ist der Schritt jedes Gewichts vom ersten Schritt
#   an höchstens so groß wie die Rate. Der Standardwert 0,001 ist für große Netze gedacht,
#   ein kleines verträgt das Zehnfache.
# - **AdamW, 0,01 mit Weight Decay 0,01.** Adam mit entkoppeltem Weight Decay (in der
#   Stärke von PyTorchs Standardwert). Mit `weight_decay=0` wäre es exakt Adam.

# %%
base = trainer.TrainConfig(data="spirals", hidden=(64, 64), batch_size=512, epochs=300)
settings: dict[trainer.OptimizerName, dict[str, Any]] = {
    "sgd": {"lr": 0.5},
    "momentum": {"lr": 0.1},
    "nesterov": {"lr": 0.1},
    "adagrad": {"lr": 0.05},
    "rmsprop": {"lr": 0.003},
    "adam": {"lr": 0.01},
    "adamw": {"lr": 0.01, "weight_decay": 0.01},
}
network_target = 0.4
histories = {name: trainer.run(replace(base, optimizer=name, **changes))[1]
             for name, changes in settings.items()}

print(f"Optimierer     lr  Schritte bis {network_target}  Trainingsverlust am Ende"
      "  Val.-Verlust  Val.-Genauigkeit")
for name, history in histories.items():
    reached = steps_to(history.train_loss, network_target)
    print(f"{name:>10}  {settings[name]['lr']:5g}  {'nie' if reached is None else reached:>15}"
          f"  {history.train_loss[-1]:24.3f}  {history.val_loss[-1]:12.3f}"
          f"  {history.val_accuracy[-1]:16.3f}")

# %%
plt.figure(figsize=(6, 4))
for name, history in histories.items():
    plt.semilogy(history.train_loss, label=name, linestyle="--" if name == "adamw" else "-")
plt.axhline(network_target, color="gray", linestyle=":", label="Ziel")
plt.title("Zwei Spiralen, voller Batch: Trainingsverlust")
plt.xlabel("Schritt")
plt.ylabel("Kreuzentropie")
plt.legend(fontsize="small")
plt.show()

# %% [markdown]
# Das Bild passt zur quadratischen Funktion. Einfaches SGD hängt den ganzen Lauf über auf
# einem Plateau fest: Die Gradienten sind dort schwach, und SGD macht aus schwachen
# Gradienten kleine Schritte. Momentum und Nesterov nehmen entlang des Plateaus Fahrt auf
# und verlassen es, bezahlen ihre große effektive Rate aber mit Ausreißern: Der Verlust
# schießt für ein, zwei Schritte nach oben, bevor er sich wieder fängt. Am schnellsten
# kommen die adaptiven Verfahren voran, weil sie genau die schwachen Anteile hochskalieren.
# Adam, das beide Ideen verbindet, ist der schnellste von allen. (Der Buckel am Anfang von
# Adagrad hat einen einfachen Grund: Sein allererster Schritt verschiebt jedes Gewicht auf
# einmal um die volle Rate.) AdamW liegt fast genau auf Adam: Bei dieser Stärke und dieser
# Trainingsdauer spielt Weight Decay kaum eine Rolle. Seinen Platz hat es als
# Regularisierung in langen Läufen großer Modelle.
#
# Zwei Einschränkungen. Eine solche Rangliste hängt von den Lernraten ab; mit anderen
# Raten, mehr Schritten oder Mini-Batches kann sich die Reihenfolge innerhalb der Gruppen
# ändern. Und die Validierungsspalten erinnern daran, dass der schnellste Abstieg auf den
# Trainingsdaten nicht automatisch das beste Modell liefert.
#
# Die letzte Zelle prüft die Aussagen dieser Seite, mit so viel Spielraum, dass ein anderer
# Rechner oder eine GPU für das Netz sie nicht zu Fall bringt: Auf der quadratischen
# Funktion brauchen Momentum, Nesterov und Adam höchstens drei Viertel der Schritte von
# SGD bei seiner besten stabilen Rate, und auf dem Netz endet jeder andere Optimierer mit
# einem niedrigeren Trainingsverlust als einfaches SGD.

# %%
sgd_steps = quadratic_steps["sgd"]
assert sgd_steps is not None
for name in ("momentum", "nesterov", "adam"):
    reached = quadratic_steps[name]
    assert reached is not None and reached <= 0.75 * sgd_steps, (name, quadratic_steps)
for name, history in histories.items():
    if name != "sgd":
        assert history.train_loss[-1] < histories["sgd"].train_loss[-1], name
