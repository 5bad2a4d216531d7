"""Tabular Q-learning finds the shortest path along the cliff from reward alone."""

from __future__ import annotations

import random

import matplotlib.pyplot as plt
import torch
from matplotlib.patches import Rectangle

# Cliff walking (Sutton & Barto, Example 6.6): a 4 × 12 grid, start bottom left, goal bottom
# right, the cells between them are a cliff. Every move costs -1, a step into the cliff -100
# and a return to the start. The best path runs right along the cliff edge: 13 moves.
ROWS, COLS = 4, 12
START, GOAL = (3, 0), (3, 11)
MOVES = [(-1, 0), (0, 1), (1, 0), (0, -1)]  # up, right, down, left
State = tuple[int, int]


def step(state: State, action: int) -> tuple[State, float, bool]:
    """The environment: next state, reward, and whether the episode is over."""
    row = min(max(state[0] + MOVES[action][0], 0), ROWS - 1)
    col = min(max(state[1] + MOVES[action][1], 0), COLS - 1)
    if row == ROWS - 1 and 0 < col < COLS - 1:
        return START, -100.0, False
    return (row, col), -1.0, (row, col) == GOAL


rng = random.Random(0)
q = torch.zeros(ROWS, COLS, 4)  # Q(s, a): the value table the agent learns
alpha, epsilon, gamma, episodes = 0.5, 0.1, 1.0, 500
returns = []
for _ in range(episodes):
    state, total, done = START, 0.0, False
    while not done:
        # ε-greedy: mostly the best known action, sometimes a random one to keep exploring.
        action = rng.randrange(4) if rng.random() < epsilon else int(q[state].argmax())
        following, reward, done = step(state, action)
        # Q-learning: move Q(s, a) toward r + γ max_a' Q(s', a'), whatever the agent does next.
        target = reward + (0.0 if done else gamma * q[following].max().item())
        q[state][action] += alpha * (target - q[state][action])
        state, total = following, total + reward
    returns.append(total)

# Follow the learned greedy policy, without exploration.
state, path, greedy_return = START, [START], 0.0
for _ in range(100):
    state, reward, done = step(state, int(q[state].argmax()))
    path.append(state)
    greedy_return += reward
    if done:
        break

recent = sum(returns[-100:]) / 100
print(f"return of episode 1: {returns[0]:.0f}, mean over the last 100 episodes: {recent:.1f}")
print(f"greedy policy: {len(path) - 1} moves, return {greedy_return:.0f} (optimum: 13 moves, -13)")
print(f"learned value of the start state, max_a Q(start, a): {q[START].max().item():.3f}")

fig, (left, right) = plt.subplots(1, 2, figsize=(11, 3.8), layout="constrained",
                                  gridspec_kw={"width_ratios": [1, 1.3]})
smoothed = torch.tensor(returns).unfold(0, 10, 1).mean(dim=1)
left.plot(range(10, episodes + 1), smoothed, label="ε-greedy return, mean of 10 episodes")
left.axhline(-13, color="gray", linestyle="--", label="optimal return (-13)")
left.set_ylim(-200, 0)
left.set_title("Return per episode while learning")
left.set_xlabel("episode")
left.set_ylabel("return")
left.legend(loc="lower right")
image = right.imshow(q.max(dim=2).values, cmap="viridis")
fig.colorbar(image, ax=right, label="max_a Q(s, a)", shrink=0.7)
right.add_patch(Rectangle((0.5, ROWS - 1.5), COLS - 2, 1, color="black", label="cliff"))
right.plot([c for _, c in path], [r for r, _ in path], "o-", color="tab:red",
           label="greedy path")
right.set_title("max_a Q(s, a) per cell, and the greedy path")
right.set_xlabel("column")
right.set_ylabel("row")
right.legend(loc="upper center", bbox_to_anchor=(0.5, -0.22), ncol=2)
plt.show()

assert path[-1] == GOAL and greedy_return == -13, (
    f"the greedy policy took {len(path) - 1} moves for a return of {greedy_return}, not 13 and -13")
assert abs(q[START].max().item() + 13) < 0.5, (
    f"Q(start) = {q[START].max().item():.3f} should approach the optimal return -13")
assert recent < greedy_return, "with ε = 0.1 exploration should cost return while learning"
