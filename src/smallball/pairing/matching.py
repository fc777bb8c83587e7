"""Maximum-cardinality matching in a general graph (Edmonds' blossoms), warm-started.

Written for the strength-window search: each check starts from a near-perfect matching, so
only a few augmenting-path searches are needed, and a search that fails from a free player
proves (by Berge's theorem, per root) that no augmenting path starts there.
"""

from __future__ import annotations

import time
from collections.abc import Sequence


class OutOfTime(Exception):
    """The deadline passed during a matching computation."""


def _augment_from(root: int, adj: Sequence[Sequence[int]], mate: list[int]) -> bool:
    n = len(adj)
    parent = [-1] * n
    base = list(range(n))
    used = [False] * n
    used[root] = True
    queue = [root]

    def lca(a: int, b: int) -> int:
        seen = [False] * n
        while True:
            a = base[a]
            seen[a] = True
            if mate[a] == -1:
                break
            a = parent[mate[a]]
        while True:
            b = base[b]
            if seen[b]:
                return b
            b = parent[mate[b]]

    def mark(v: int, b: int, child: int, blossom: list[bool]) -> None:
        while base[v] != b:
            blossom[base[v]] = blossom[base[mate[v]]] = True
            parent[v] = child
            child = mate[v]
            v = parent[mate[v]]

    head = 0
    while head < len(queue):
        v = queue[head]
        head += 1
        for to in adj[v]:
            if base[v] == base[to] or mate[v] == to:
                continue
            if to == root or (mate[to] != -1 and parent[mate[to]] != -1):
                cur = lca(v, to)
                blossom = [False] * n
                mark(v, cur, to, blossom)
                mark(to, cur, v, blossom)
                for i in range(n):
                    if blossom[base[i]]:
                        base[i] = cur
                        if not used[i]:
                            used[i] = True
                            queue.append(i)
            elif parent[to] == -1:
                parent[to] = v
                if mate[to] == -1:
                    while to != -1:
                        pv = parent[to]
                        nxt = mate[pv]
                        mate[to] = pv
                        mate[pv] = to
                        to = nxt
                    return True
                used[mate[to]] = True
                queue.append(mate[to])
    return False


def max_matching(
    adj: Sequence[Sequence[int]],
    mate: list[int] | None = None,
    need: int | None = None,
    deadline: float | None = None,
) -> tuple[list[int], int]:
    """Grow ``mate`` into a maximum matching; stop early once ``need`` pairs are reached
    or as soon as ``need`` is shown to be out of reach. Returns the matching and its size."""
    n = len(adj)
    mate = list(mate) if mate is not None else [-1] * n
    for v in range(n):
        if mate[v] == -1:
            for u in adj[v]:
                if mate[u] == -1:
                    mate[u], mate[v] = v, u
                    break
    size = sum(1 for v in range(n) if mate[v] > v)
    free = [v for v in range(n) if mate[v] == -1 and adj[v]]
    # Each failed root is a player the maximum matching leaves free, for good.
    lost = n - sum(1 for v in range(n) if adj[v])
    for root in free:
        if need is not None and size >= need:
            break
        if need is not None and (n - lost) // 2 < need:
            break
        if deadline is not None and time.monotonic() > deadline:
            raise OutOfTime
        if mate[root] != -1:
            continue
        if _augment_from(root, adj, mate):
            size += 1
        else:
            lost += 1
    return mate, size
