"""Does a message ask for a person and nothing else: "can I talk to a human?", "any update?"

Such a message is handed over at once, whatever its other words would match: "I'd like a
person" is no question about deleting an account, and a customer chasing a thread is waiting for
someone, not for an answer they already had. It asks for a person when some clause names one or
chases the thread (``person_requests``), no clause names an off-topic subject, and every other
word it says is a stop word, a request word ("talk", "please") or a number ("any update on
ticket 48213?"); greetings and thanks are set aside before. A message that also asks something
("can a person look at our refund?") is matched as usual: the answer may be all they need, and a
person is one click away.
"""

from collections.abc import Sequence

from knowledge.matching.clauses import Clause


def asks_for_person(clauses: Sequence[Clause], plain_words: frozenset[str]) -> bool:
    """``plain_words``: stop words and request words, which ask for nothing by themselves."""
    if not any(clause.analysis.person_requests for clause in clauses):
        return False
    return not any(clause.analysis.off_topic for clause in clauses) and all(
        word in plain_words or word.isdigit() for clause in clauses for word in clause.analysis.said
    )
