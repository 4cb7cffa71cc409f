"""Each side's account of one article: its statements, grouped by the contact or topic they are about.

A statement belongs to a contact when it sits in the paragraph that reports the
contact; the rest are grouped by topic, two statements sharing a topic when
the content words of a statement and of the group's first one overlap enough
(the weighted stems ``align`` uses, without the sides' and speakers' names).
Its records (``SideAccount``, ``TopicGroup``) live in ``records``; the divergence
component stores them on the ``Analysis``.
"""
from __future__ import annotations

from collections.abc import Sequence

from readouts.divergence import align
from readouts.records import Analysis, Contact, SideAccount, Statement, TopicGroup

TOPIC_SIM = 0.2  # least similarity for two statements of one side to share a topic


def _paragraph(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, (len(text) if end < 0 else end)


def _contact_of(st: Statement, contacts: Sequence[Contact], text: str) -> Contact | None:
    para = _paragraph(text, st.content.start)
    for c in contacts:
        if any(para[0] <= e.start < para[1] for e in c.evidence):
            return c
    return None


def _contact_topic(c: Contact) -> str:
    who = " and ".join(p.name for p in c.participants) or " and ".join(c.sides)
    return f"{c.mode} of {who}" + (f", {c.when}" if c.when else "")


def group_accounts(analysis: Analysis) -> tuple[SideAccount, ...]:
    """The statements of each side, grouped by contact and then by topic; sides with most statements first."""
    text = analysis.article.text
    accounts = analysis.accounts()
    order = list(analysis.sides()) + [s for s in accounts if s not in analysis.sides()]
    from readouts.divergence.disputes import noise_words

    noise = noise_words(text, analysis.statements)
    keys = {st.id: align.text_keys(st.content.text)[0] - noise for st in analysis.statements}
    weights = align.Weights([align.ClausePoint(0, st.content.start, st.content.end, st.content.text, keys[st.id],
                                               frozenset(), False, keys[st.id]) for st in analysis.statements])
    out = []
    for side in order:
        by_contact: dict[str, list[Statement]] = {}
        loose: list[list[Statement]] = []
        for st in accounts.get(side, ()):
            contact = _contact_of(st, analysis.contacts, text)
            if contact is not None:
                by_contact.setdefault(contact.id, []).append(st)
                continue
            # compared with each group's first statement, so topics do not chain into one
            home = next((g for g in loose if _similar(keys[st.id], keys[g[0].id], weights)), None)
            if home is None:
                loose.append([st])
            else:
                home.append(st)
        groups = [TopicGroup(_contact_topic(next(c for c in analysis.contacts if c.id == cid)), tuple(sts), cid)
                  for cid, sts in by_contact.items()]
        groups += [TopicGroup(_topic_line(g), tuple(g)) for g in loose]
        out.append(SideAccount(side, tuple(groups)))
    return tuple(out)


def _similar(a: frozenset[str], b: frozenset[str], weights: align.Weights) -> bool:
    common = a & b
    if not common:
        return False
    denom = (weights.mass(a) * weights.mass(b)) ** 0.5
    return bool(denom) and weights.mass(common) / denom >= TOPIC_SIM


def _topic_line(group: Sequence[Statement]) -> str:
    """The group's first statement, cut short at a word."""
    words = group[0].content.text.split()
    return " ".join(words[:8]) + (" ..." if len(words) > 8 else "")
