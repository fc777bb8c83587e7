"""An independent reading of Laws 2.11–2.13 for table tennis rallies, used as a test oracle.

It derives the server from the closed formula of shared/rules/table-tennis.md §1.3
(k = t // 2 before 10-10, t - 10 after) and the doubles order of Law 2.8.2, instead of the
engine's incremental counter, so the two can disagree if either is wrong.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Expected:
    game: int
    server: str
    receiver: str


def _partner(sides: list[list[str]], player: str) -> str:
    for pair in sides:
        if player in pair and len(pair) == 2:
            return pair[1] if pair[0] == player else pair[0]
    raise KeyError(player)


def _side(sides: list[list[str]], player: str) -> int:
    return 0 if player in sides[0] else 1


def expected_rallies(
    sides: list[list[str]],
    best_of: int,
    first_server: str,
    first_receiver: str,
    game_first_servers: dict[int, str],
    winners: list[str],
) -> list[Expected]:
    """Server and receiver of each rally in ``winners`` (rallies only, no expedite)."""
    doubles = len(sides[0]) == 2
    to_win = best_of // 2 + 1
    out: list[Expected] = []
    game, a, b, t = 1, 0, 0, 0
    won = [0, 0]
    server, receiver = first_server, first_receiver
    swap: tuple[str, str] | None = None
    game_log: list[Expected] = []
    for w in winners:
        if max(won) == to_win:
            break
        k = t // 2 if t < 20 else t - 10
        if doubles:
            order = [server, receiver, _partner(sides, server), _partner(sides, receiver)]
            s, r = order[k % 4], order[(k + 1) % 4]
            if swap is not None:
                rename = {swap[0]: swap[1], swap[1]: swap[0]}
                s, r = rename.get(s, s), rename.get(r, r)
        else:
            s, r = (server, receiver) if k % 2 == 0 else (receiver, server)
        rally = Expected(game, s, r)
        out.append(rally)
        game_log.append(rally)
        if w == "A":
            a += 1
        else:
            b += 1
        t += 1
        if max(a, b) >= 11 and abs(a - b) >= 2:
            won[0 if a > b else 1] += 1
            if max(won) == to_win:
                continue
            game += 1
            new_side = 1 - _side(sides, server)  # the first receivers serve next game
            if doubles:
                server = game_first_servers.get(game, sides[new_side][0])
                receiver = next(x.server for x in game_log if x.receiver == server)
            else:
                server, receiver = receiver, server
            a = b = t = 0
            swap = None
            game_log = []
        elif game == best_of and swap is None and max(a, b) >= 5 and doubles:
            # The pair due to receive next swaps its order (Law 2.13.6).
            k = t // 2 if t < 20 else t - 10
            order = [server, receiver, _partner(sides, server), _partner(sides, receiver)]
            due = order[(k + 1) % 4]
            swap = (due, _partner(sides, due))
        elif game == best_of and max(a, b) >= 5 and swap is None:
            swap = ("", "")  # singles: ends change, the order does not
    return out
