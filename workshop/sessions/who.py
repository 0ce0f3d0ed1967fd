"""Which person a participant channel is acting as.

On a channel that is one person's own account (their terminal, their shell), the account
remembers who it joined as (`workshop.identity`). Anywhere else, and for a name this account
never joined as, a name someone holds needs that person's rejoin code, proven through the one
way in (sessions/door.py) and its limits."""

from __future__ import annotations

from workshop import identity
from workshop.sessions import door, people
from workshop.sessions.door import Client
from workshop.sessions.people import Person
from workshop.sessions.refusals import NameTaken
from workshop.sessions.session import Session
from workshop.sessions.typed import participant_name


def as_person(session: Session, name: str, rejoin: str | None, client: Client, own: bool = True) -> tuple[Person, bool]:
    """The person called `name`, and whether they are new (show them their rejoin code, and
    `keep` them once their first act is written). A new person's join is written with their
    first act that names them. Refusals are typed: `NameTaken` (no rejoin code given), and
    from door.rejoin `WrongRejoinCode` and `TooManyTries`."""
    clean = participant_name(name)
    state = session.state()
    holder = session.fold.participant_named(clean)
    remembered = identity.recall(state.id, state.code, clean) if own else None
    if remembered is not None and holder in (None, remembered[0]):
        shown = clean if holder is None else session.name_of(holder)  # as they joined, not as typed now
        return session.adopt(people.known(remembered[0], shown, remembered[1])), False
    if holder is not None:
        if not rejoin:
            raise NameTaken(session.name_of(holder))
        return door.rejoin(session, clean, rejoin, client), False
    return session.adopt(people.newcomer(clean)), True


def keep(session: Session, person: Person) -> None:
    """This account acts as `person` from now on (own channels only)."""
    state = session.state()
    identity.remember(state.id, state.code, person.token, person.name, person.code)
