"""schema.org ``FAQPage`` structured data for one published page.

It lists exactly the questions the page shows (entries of kind "question"; page sections are not
questions, so they stay out), each ``name`` being the visible heading and each
``acceptedAnswer.text`` the answer's HTML exactly as the page shows it.
"""

from typing import Any

from knowledge.export.public_pages import PublicPage


def faq_page(page: PublicPage, answers_html: dict[str, str], url: str | None = None) -> dict[str, Any] | None:
    """The FAQPage object, or None when the page has no question to mark up."""
    questions = [
        {
            "@type": "Question",
            "name": entry.heading,
            "acceptedAnswer": {"@type": "Answer", "text": answers_html[entry.id]},
        }
        for entry in page.entries
        if entry.is_question
    ]
    if not questions:
        return None
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "name": page.title,
        "mainEntity": questions,
    }
    if url:
        data["url"] = url
    if page.last_modified:
        data["dateModified"] = page.last_modified.isoformat()
    return data
