"""The vocabulary: every event a session journal can hold, as a plain dict.

Each event has `type` and `at` (an aware datetime) and the fields below. Steps and polls are
named `module/step`. The journal stores these dicts as they are; the fold reads them.

| type     | fields                        | who writes it |
|----------|-------------------------------|---------------|
| start    | planned (ISO 8601: when the agenda meant it to start) | facilitator: the first step begins |
| goto     | step, via (next/prev/goto)    | facilitator |
| pause    |                               | facilitator |
| resume   |                               | facilitator |
| extend   | step, seconds (may be negative) | facilitator |
| close    | poll                          | facilitator |
| reopen   | poll                          | facilitator |
| reset    | poll                          | facilitator: ballots so far stop counting |
| reveal   | poll                          | facilitator |
| end      |                               | facilitator |
| round    | step, round (the index moved on to) | facilitator: the room moves on to a step's next round |
| revote   | poll                          | facilitator: a new round of the current step's poll (earlier rounds kept) |
| skip     | step, on                      | facilitator: a step still to come will not run (or, on = false, will) |
| move     | step, after ("" for first)    | facilitator: a step not yet run moves in the running order |
| insert   | step (a new id), kind, title, minutes, after, prompt | facilitator: a step added on the day (below) |
| join     | participant, name             | participant |
| ballot   | poll, participant, value, name (unless anonymous), via ("kiosk", or absent) | participant |
| note     | note, step, author, name, text | participant or facilitator |
| action   | note, on                      | facilitator: mark a note as an action item |
| serve    | address                       | `workshop serve`: where browsers join ("" once it stops) |
| present  | participant                   | a participant's screen: here now (on joining, then each minute) |
| leave    | participant                   | a participant's screen closed |
| wrong-code | channel, client               | a way in: someone typed a wrong join code (below) |
| right-code | client                        | a way in: the right join code, forgiving a client's wrong ones |
| wrong-rejoin | participant, channel, client | a way in: a wrong rejoin code (or kiosk PIN) for `participant` |

`insert` adds a break, or an objections round (kind notes), to the running order on the day.

`channel` says which way in a code was typed: phone (the phone page), browser (a tab at
/terminal/), terminal, plain, kiosk or cli. `client` is whom the limits count (sessions/door.py):
an address (an IPv6 one by its /64), "this machine" for every loopback and own address under
`serve`, "account UID" for a terminal of this machine's, "kiosk". `wrong-code` without `client`
(files from before) counts only for the facilitator's total. engine/guesses.py folds the three.
A `ballot` cast at the kiosk carries `via = "kiosk"`, so the facilitator sees how many people
voted there.

The room's contributions (idea, merge, hide, options, question, upvote, answered, qa, hand,
call, react) are listed in engine/ideas.py, which folds them.

Facilitator events (control, `action`, `serve`, a note whose author is the facilitator) carry
`sig`, an Ed25519 signature (engine/trust.py); without a valid one the fold ignores them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

Event = dict[str, Any]

FACILITATOR = "facilitator"

CONTROL = ("start", "goto", "pause", "resume", "extend", "close", "reopen", "reset", "reveal", "end",
           "round", "skip", "move", "insert", "revote")
# the facilitator's part in the room's contributions (engine/ideas.py): signed like CONTROL
ROOM_CONTROL = ("merge", "hide", "options", "answered", "qa", "call")
ROOM = ("idea", "question", "upvote", "hand", "react")
TYPES = (*CONTROL, "join", "ballot", "note", "action", "serve", "present", "leave", "wrong-code", "right-code",
         "wrong-rejoin", *ROOM_CONTROL, *ROOM)


def make(type_: str, at: dt.datetime, **fields: Any) -> Event:
    if type_ not in TYPES:
        raise ValueError(f"unknown event type {type_!r}")
    return {"type": type_, "at": at, **{k: v for k, v in fields.items() if v is not None}}
