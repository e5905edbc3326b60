"""A vendor named in the story, while the question asks about us, is a comparison.

"Zendesk charged us the full period when we left early. how does Segment handle it?" names
Zendesk to compare; "how do I cancel my Mixpanel subscription?" asks about Mixpanel. A vendor
counts as an off-topic subject unless it is named only in clauses that ask nothing, and some
clause asks about us ("Segment", "here", "yours"). The vendors in frames ("like Amplitude lets
you") are set aside earlier, by the analyzer.
"""

from collections.abc import Sequence
from dataclasses import replace

from knowledge.matching.clauses import Clause

# Words by which a question names the product as the other side of the comparison. Not "you":
# "Amplitude charged us twice. can you refund it?" asks about Amplitude's charge.
_US = frozenset({"segment", "segments", "here", "yours", "yall"})


def set_aside_compared_vendors(clauses: Sequence[Clause]) -> tuple[Clause, ...]:
    """The clauses, with the vendors of the story no longer off-topic when a question asks us."""
    if not any(clause.analysis.vendors for clause in clauses):
        return tuple(clauses)
    if not any(clause.asks and _US.intersection(clause.analysis.said) for clause in clauses):
        return tuple(clauses)
    return tuple(_compared(clause) if _tells_of_vendors(clause) else clause for clause in clauses)


def _tells_of_vendors(clause: Clause) -> bool:
    """A clause that asks nothing and whose only off-topic subjects are vendors."""
    analysis = clause.analysis
    return not clause.asks and bool(analysis.vendors) and len(analysis.vendors) == len(analysis.off_topic)


def _compared(clause: Clause) -> Clause:
    return replace(clause, analysis=replace(clause.analysis, off_topic=(), vendors=()))
