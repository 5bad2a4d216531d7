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
# # Dein erster Trainingslauf
#
# In diesem Rundgang begleitest du einen kleinen Klassifikator durch einen vollständigen
# [Trainingslauf](#Training) mit dem Referenz-Trainer des Glossars
# (`examples/trainer`). Du legst eine Konfiguration an, schaust dir die Daten an, baust ein
# Modell, trainierst es, liest die aufgezeichneten Kennzahlen, zeichnest, was das Modell
# gelernt hat, und änderst am Ende eine einzige Sache, um ihre Wirkung zu sehen.
#
# Alle Zufallsquellen sind fest geseedet: Auf einer CPU liefert jeder Durchlauf dieselben
# Zahlen. Ist eine GPU vorhanden, nimmt der Trainer sie von selbst; die Zahlen weichen dann
# ein wenig ab, an der Geschichte ändert das nichts.

# %%
from dataclasses import fields, replace

import matplotlib.pyplot as plt
import torch
from matplotlib.axes import Axes

import trainer

cfg = trainer.TrainConfig(noise=0.2, optimizer="adam", lr=0.01, epochs=60)

# Nur zeigen, was von den Standardwerten abweicht: Das macht diesen Lauf aus.
defaults = trainer.TrainConfig()
changed = {f.name: getattr(cfg, f.name) for f in fields(cfg)
           if getattr(cfg, f.name) != getattr(defaults, f.name)}
print("abweichend von den Standardwerten:", changed)
print("Gerät:", trainer.pick_device(cfg))

# %% [markdown]
# ## Eine Dataclass beschreibt den ganzen Lauf
#
# `TrainConfig` ist eine schlichte Dataclass: Namen wählen die Bausteine aus (Datensatz,
# Modell, Optimierer, Zeitplan), Zahlen stellen sie ein. Die meisten Standardwerte
# übernehmen wir, darunter ein kleines MLP, den Datensatz *Two Moons* mit 512 Punkten,
# Mini-Batches aus 32 Beispielen und den Seed 0. Vier Felder ändern wir: mehr Rauschen,
# damit die Aufgabe nicht zu leicht wird, Adam als Optimierer, eine
# [Lernrate](#Learning-Rate) von 0,01 (das Zehnfache von PyTorchs Standardwert für
# Adam, was zu einem so kleinen Netz passt) und 60 Epochen, mehr als das Problem braucht.
# Letzteres ist Absicht, wie du gleich sehen wirst.
#
# ## Die Daten
#
# `trainer.build(cfg)` erzeugt den Datensatz und das Modell, die in der Konfiguration
# stehen. Die Punkte werden einmal gemischt und im Verhältnis 60/20/20 in einen Trainings-,
# einen Validierungs- und einen Testteil zerlegt. Gelernt wird nur aus dem Trainingsteil.
# Der Validierungsteil zeigt, wie gut das Modell verallgemeinert, solange wir noch
# Entscheidungen treffen, und der Testteil bleibt bis ganz zum Schluss unter Verschluss.

# %%
model, (train_data, val_data, test_data) = trainer.build(cfg)
print(f"{len(train_data)} Trainings-, {len(val_data)} Validierungs- "
      f"und {len(test_data)} Testpunkte")

x, y = train_data.tensors
plt.figure(figsize=(5, 3.5))
plt.scatter(x[:, 0], x[:, 1], c=y, cmap="coolwarm", s=12)
plt.title("Trainingsdaten: zwei Monde mit Rauschen 0,2")
plt.xlabel("$x_1$")
plt.ylabel("$x_2$")
plt.show()

# %% [markdown]
# Zwei ineinandergreifende Halbkreise, einer pro Klasse. Bei so viel Rauschen überlappen
# sie an den Spitzen; kein Modell kann hier jeden Punkt richtig einordnen.
#
# ## Das Modell
#
# Standardmäßig ist das Modell ein mehrschichtiges Perzeptron: zwei verborgene Schichten
# mit je 32 Einheiten, jeweils gefolgt von einer ReLU. Es liest die beiden Koordinaten eines
# Punktes und gibt zwei Zahlen aus, einen Score (Logit) pro Klasse. Als
# [Verlustfunktion](#Loss-Function) dient die Kreuzentropie. Sie macht aus den Scores
# Wahrscheinlichkeiten und bestraft Fehler umso härter, je überzeugter das Modell sie
# begeht.

# %%
print(model)
n_parameters = sum(p.numel() for p in model.parameters())
print(f"{n_parameters} Parameter")

# %% [markdown]
# ## Das Training
#
# `trainer.train` führt die Schleife aus. Zu Beginn jeder Epoche wird der Trainingsteil
# gemischt und in Mini-Batches aufgeteilt. Für jeden Batch berechnet der Trainer den
# Verlust, bildet per Backpropagation die Gradienten und lässt den Optimierer einen Schritt
# des [Gradientenabstiegs](#Gradient-Descent) machen. Nach jeder Epoche misst er das
# Modell auf dem Validierungsteil. Zurück bekommst du eine `History` mit einem Eintrag pro
# Epoche.
#
# `trainer.run(cfg)` erledigt `build` und `train` in einem Aufruf. Hier halten wir beides
# getrennt, weil die Grafiken weiter unten die Daten brauchen.

# %%
history = trainer.train(model, train_data, val_data, cfg)

print("Epoche  Trainingsverlust  Val.-Verlust  Val.-Genauigkeit  Gradientennorm  Lernrate")
for epoch in [1, *range(5, cfg.epochs + 1, 5)]:
    i = epoch - 1
    print(f"{epoch:6d}  {history.train_loss[i]:16.4f}  {history.val_loss[i]:12.4f}  "
          f"{history.val_accuracy[i]:16.3f}  {history.grad_norm[i]:14.3f}  {history.lr[i]:8.3f}")
print(f"niedrigster Validierungsverlust nach Epoche {history.best_epoch}")

# %% [markdown]
# ## Die History lesen
#
# Jede Liste in der History enthält einen Wert pro Epoche:
#
# - `train_loss` ist der mittlere Verlust über die Mini-Batches der Epoche, jeweils *vor*
#   dem zugehörigen Update gemessen. Da sich die Gewichte während der Epoche bewegen,
#   hinkt dieser Wert dem Modell ein wenig hinterher.
# - `val_loss` und `val_accuracy` werden nach der Epoche auf dem Validierungsteil gemessen,
#   mit festgehaltenen Gewichten.
# - `grad_norm` ist die mittlere Länge des Gradienten, den der Optimierer bekommen hat.
#   Große oder sprunghafte Werte sind ein Warnsignal; explodieren die Gradienten, hilft
#   meist [Gradient Clipping](#Gradient-Clipping).
# - `lr` ist die Lernrate zu Beginn der Epoche. Hier bleibt sie konstant; mit einem
#   Lernraten-Zeitplan würde sie sich ändern.
#
# Das Wesentliche zeigen die Kurven. Der Trainingsverlust fällt in den ersten Epochen steil
# ab und bleibt danach niedrig, mit leichtem Zittern. Der Validierungsverlust sinkt nur ein
# paar Epochen lang, erreicht sein Minimum und wandert dann samt einiger Ausreißer wieder
# nach oben. Ab diesem Punkt lernt das Modell das Rauschen seiner 307 Trainingspunkte statt
# der Form der Monde: Das ist *Überanpassung* (Overfitting). Die Genauigkeit merkt davon
# kaum etwas. Ein Punkt zählt erst als falsch, wenn er auf der falschen Seite der Grenze
# liegt, die Kreuzentropie steigt dagegen schon, sobald das Modell zu selbstsicher wird.

# %%
epochs = range(1, len(history.train_loss) + 1)
fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.5))
left.plot(epochs, history.train_loss, label="Training")
left.plot(epochs, history.val_loss, label="Validierung")
left.axvline(history.best_epoch, color="gray", linestyle=":",
             label="niedrigster Validierungsverlust")
left.set(title="Verlust", xlabel="Epoche", ylabel="Kreuzentropie")
left.legend()
right.plot(epochs, history.val_accuracy, color="C1")
right.set(title="Genauigkeit auf den Validierungsdaten", xlabel="Epoche",
          ylabel="Genauigkeit")
fig.tight_layout()
plt.show()

# %% [markdown]
# ## Was das Modell gelernt hat
#
# Einen Klassifikator mit zwei Eingaben kann man zeichnen. Dazu wertest du ihn auf einem
# feinen Gitter über der Ebene aus und färbst jeden Gitterpunkt nach der vorhergesagten
# Wahrscheinlichkeit für Klasse 1. Die schwarze Linie, auf der diese Wahrscheinlichkeit
# genau 0,5 beträgt, ist die *Entscheidungsgrenze*. Die Punkte sind die Validierungsdaten,
# die das Modell beim Training nie gesehen hat.

# %%
device = next(model.parameters()).device
x1, x2 = torch.meshgrid(torch.linspace(-1.7, 2.7, 200), torch.linspace(-1.2, 1.7, 200),
                        indexing="xy")
grid = torch.stack([x1.flatten(), x2.flatten()], dim=1).to(device)
x_val, y_val = val_data.tensors


def plot_boundary(ax: Axes, net: torch.nn.Module, title: str) -> None:
    """Wahrscheinlichkeit für Klasse 1 über der Ebene, die 0,5-Linie, die Validierungspunkte."""
    net.eval()
    with torch.no_grad():
        p_class_1 = net(grid).softmax(dim=1)[:, 1].reshape(x1.shape).cpu()
    ax.contourf(x1, x2, p_class_1, levels=20, cmap="coolwarm", alpha=0.7)
    ax.contour(x1, x2, p_class_1, levels=[0.5], colors="black")
    ax.scatter(x_val[:, 0], x_val[:, 1], c=y_val, cmap="coolwarm", s=12, edgecolors="black")
    ax.set(title=title, xlabel="$x_1$", ylabel="$x_2$")


fig, ax = plt.subplots(figsize=(5, 3.5))
plot_boundary(ax, model, f"Entscheidungsgrenze nach {cfg.epochs} Epochen")
plt.show()

# %% [markdown]
# Die Grenze folgt den Monden gut. Verräterisch sind die Farben: Sie kippen in einem
# schmalen Streifen von einer Klasse zur anderen. Das Modell ist sich also fast überall
# sehr sicher, selbst direkt an der Grenze, wo sich die Klassen überlappen. Genau diese
# Selbstüberschätzung hat der steigende Validierungsverlust gemessen.
#
# ## Eine Änderung: frühes Stoppen
#
# Statt die passende Zahl an Epochen zu raten, lassen wir den Validierungsverlust
# entscheiden. [Frühes Stoppen](#Early-Stopping) (Early Stopping) mit `patience=10`
# beendet das Training, sobald zehn Epochen hintereinander den bisher besten
# Validierungsverlust nicht unterboten haben, und setzt dann die Gewichte dieser besten
# Epoche wieder ein. Alles andere bleibt, wie es war, auch der Seed. Der neue Lauf startet
# deshalb mit denselben Gewichten und wiederholt den ersten, bis er abbricht.

# %%
es_cfg = replace(cfg, patience=10)
es_model, _ = trainer.build(es_cfg)  # derselbe Seed, also dieselben Startgewichte
es_history = trainer.train(es_model, train_data, val_data, es_cfg)
print(f"nach {len(es_history.train_loss)} von {cfg.epochs} Epochen gestoppt, "
      f"Gewichte aus Epoche {es_history.best_epoch} behalten")

results = {}
columns = ["Val.-Verlust", "Val.-Gen.", "Testverlust", "Test-Gen."]
print(" " * 14 + "".join(f"{column:>14}" for column in columns))
for name, net in [(f"{cfg.epochs} Epochen", model), ("frühes Stoppen", es_model)]:
    results[name] = (*trainer.evaluate(net, val_data, cfg, device),
                     *trainer.evaluate(net, test_data, cfg, device))
    print(f"{name:>14}" + "".join(f"{value:14.4f}" for value in results[name]))

fig, (left, right) = plt.subplots(1, 2, figsize=(10, 3.5))
plot_boundary(left, model, f"{cfg.epochs} Epochen")
plot_boundary(right, es_model, f"frühes Stoppen: Gewichte aus Epoche {es_history.best_epoch}")
fig.tight_layout()
plt.show()

# Die Aussagen des Rundgangs absichern, mit Spielraum für anders rundende Hardware.
es_val_accuracy = results["frühes Stoppen"][1]
assert len(es_history.train_loss) < cfg.epochs, "frühes Stoppen hätte den Lauf beenden sollen"
assert es_val_accuracy is not None  # Klassenlabels: evaluate() misst eine Genauigkeit
assert es_val_accuracy > 0.9, f"Validierungsgenauigkeit {es_val_accuracy:.3f} ist zu niedrig"

# %% [markdown]
# Der früh gestoppte Lauf braucht nur einen Bruchteil der Epochen und endet mit einem
# deutlich niedrigeren Validierungsverlust; rechts ist der Übergang zwischen den Klassen
# breiter und weicher. Erst jetzt, da alle Entscheidungen gefallen sind, werfen wir einen
# Blick auf den Testteil. Er schätzt, wie gut das gewählte Modell auf Daten abschneidet,
# die bei seiner Auswahl keine Rolle gespielt haben. Der Testverlust bestätigt, dass das
# früh gestoppte Modell seine Sicherheit realistischer einschätzt. Bei der Genauigkeit
# liegen die beiden Modelle höchstens ein paar Prozentpunkte auseinander. Bei rund 100
# Testpunkten macht schon ein einziger Punkt einen Prozentpunkt aus, dieser Unterschied ist
# also größtenteils Zufall.
#
# Wie es weitergehen kann: Ersetze das frühe Stoppen durch `schedule="cosine"` und
# beobachte die Spalte `lr`, oder probiere `data="spirals"`, ein viel schwierigeres Problem
# für dasselbe kleine Netz.
