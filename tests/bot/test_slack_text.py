import pytest

from bot.slack_text import clip, escape, link, markdown_to_mrkdwn, quote


@pytest.mark.parametrize(
    ("raw", "safe"),
    [
        ("<!channel> refunds?", "&lt;!channel&gt; refunds?"),
        ("<!here|here>", "&lt;!here|here&gt;"),
        ("<@U0123ABCD>", "&lt;@U0123ABCD&gt;"),
        ("Tom & Jerry", "Tom &amp; Jerry"),
        ("&lt;already&gt;", "&amp;lt;already&amp;gt;"),
        ("<https://evil.example|click>", "&lt;https://evil.example|click&gt;"),
    ],
)
def test_escape_neutralises_control_sequences(raw, safe):
    assert escape(raw) == safe
    assert "<" not in escape(raw) and ">" not in escape(raw)


def test_quote_escapes_and_marks_each_line():
    assert quote("hi <!channel>\nsecond & last") == "&gt; hi &lt;!channel&gt;\n&gt; second &amp; last"


def test_quote_clips_long_text():
    assert len(quote("x" * 5000, limit=100)) <= len("&gt; ") + 100


def test_clip():
    assert clip("short", 10) == "short"
    assert clip("a" * 20, 10) == "a" * 9 + "…"
    assert len(clip("a" * 20, 10)) == 10


def test_link_keeps_label_and_url_apart():
    assert link("https://x.example/a?b=1&c=2", "The <page> | here") == (
        "<https://x.example/a?b=1&amp;c=2|The &lt;page&gt; ¦ here>"
    )


def test_markdown_bold_links_and_lists():
    markdown = (
        "**Cancellation on the monthly Team plan**\n\n"
        "You'll get a bill for the $120 base at the rates on the [pricing page](https://segment.com/pricing/).\n\n"
        "- first & foremost\n- second *point*\n\n"
        "1. one\n2. two"
    )
    assert markdown_to_mrkdwn(markdown) == (
        "*Cancellation on the monthly Team plan*\n\n"
        "You'll get a bill for the $120 base at the rates on the <https://segment.com/pricing/|pricing page>.\n\n"
        "• first &amp; foremost\n• second _point_\n\n"
        "1. one\n2. two"
    )


def test_markdown_headings_code_and_html_are_safe():
    mrkdwn = markdown_to_mrkdwn("# Title\n\nRun `a < b` then <b>bold</b> <!channel>\n\n```\nx > y\n```")
    assert mrkdwn.startswith("*Title*\n\n")
    assert "`a &lt; b`" in mrkdwn
    assert "&lt;b&gt;bold&lt;/b&gt; &lt;!channel&gt;" in mrkdwn
    assert "```\nx &gt; y\n```" in mrkdwn
    assert "<!channel>" not in mrkdwn


def test_every_knowledge_base_answer_converts_without_raw_control_sequences():
    from knowledge.loader import load_knowledge_base

    for entry in load_knowledge_base():
        mrkdwn = markdown_to_mrkdwn(entry.answer)
        assert mrkdwn.strip(), entry.id
        assert "**" not in mrkdwn, entry.id
        assert "](" not in mrkdwn, entry.id
        assert "<!" not in mrkdwn and "<@" not in mrkdwn, entry.id
