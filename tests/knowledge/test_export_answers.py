"""Answers as safe HTML and safe Markdown, and JSON that can sit inside a page."""

import json

from knowledge.export.answer_html import AnswerRenderer
from knowledge.export.answer_markdown import inline_text, public_markdown
from knowledge.export.html_safety import json_for_html, shield_html

PAGE_URL = "https://docs.example.com/guides/page/"


def test_raw_html_in_an_answer_is_shown_as_text():
    html = AnswerRenderer().html('Hi <script>alert("x")</script> <b onclick="y">b</b>', PAGE_URL)
    assert (
        html == "<p>Hi &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &lt;b onclick=&quot;y&quot;&gt;b&lt;/b&gt;</p>"
    )


def test_links_point_at_the_source_page_unless_their_anchor_is_published_here():
    html = AnswerRenderer().html(
        "[a](#here) [b](#gone) [c](/pricing/) [d](sub/page) [e](https://x.example/)", PAGE_URL, frozenset({"here"})
    )
    assert 'href="#here"' in html
    assert 'href="https://docs.example.com/guides/page/#gone"' in html
    assert 'href="https://docs.example.com/pricing/"' in html
    assert 'href="https://docs.example.com/guides/page/sub/page"' in html
    assert 'href="https://x.example/"' in html


def test_script_urls_are_never_links():
    assert "href" not in AnswerRenderer().html("[x](javascript:alert(1)) [y](JAVASCRIPT:alert(1))", PAGE_URL)


def test_answer_headings_sit_below_the_entry_heading_and_images_become_links():
    html = AnswerRenderer().html("## Top\n\n#### Deeper\n\n![chart](img/c.png)", PAGE_URL)
    assert html.startswith("<h3>Top</h3>\n<h5>Deeper</h5>")
    assert '<a href="https://docs.example.com/guides/page/img/c.png">chart</a>' in html
    assert "<img" not in html


def test_plain_text_of_an_answer_keeps_words_and_drops_markup():
    assert AnswerRenderer().text("Some **bold** [link](x) and `code`\n\n- item") == "Some bold link and code item"


def test_template_openers_are_shielded_but_read_the_same():
    assert shield_html("{{ a }} {% b %} {# c #} {x} {{{") == "&#123;{ a }} &#123;% b %} &#123;# c #} {x} &#123;&#123;{"
    html = AnswerRenderer().html("Use {{ account.plan }}", PAGE_URL)
    assert "{{" not in html and "&#123;{ account.plan }}" in html


def test_json_for_html_cannot_close_a_script_and_round_trips():
    value = {"text": "</script><!-- {{ x }} {% y %} {#z#} & > <", "nested": [{"a": "{{"}]}
    text = json_for_html(value)
    for forbidden in ("</", "<!--", "{{", "{%", "{#", "&", ">"):
        assert forbidden not in text
    assert json.loads(text) == value
    assert json_for_html({"b": 1, "a": 2}) == '{"a":2,"b":1}'


def test_markdown_answers_keep_their_markdown_but_lose_raw_html_and_template_openers():
    source = "Text <script>x</script> `<b>` <https://a.example/> <me@a.example> {{ y }}\n\n```\n<div>\n```"
    result = public_markdown(source, PAGE_URL)
    assert (
        result.splitlines()[0] == "Text &lt;script>x&lt;/script> `<b>` <https://a.example/> <me@a.example> &#123;{ y }}"
    )
    assert result.splitlines()[-2] == "<div>"  # inside a fence: shown as code anyway


def test_markdown_answers_get_the_same_link_and_heading_changes_as_html():
    result = public_markdown(
        "# Top\n\n[a](#here) [b](#gone) [c](/x/) [d](https://y.example/)", PAGE_URL, frozenset({"here"})
    )
    assert result.splitlines()[0] == "### Top"
    assert (
        "[a](#here) [b](https://docs.example.com/guides/page/#gone) [c](https://docs.example.com/x/) [d](https://y.example/)"
        in result
    )


def test_inline_text_shows_exactly_the_text():
    assert inline_text("A <b> & *c* [d] {{ e }} #f | g!") == r"A &lt;b&gt; &amp; \*c\* \[d\] \{\{ e \}\} \#f \| g\!"


def test_markdown_answers_turn_images_into_links_and_script_links_into_text():
    result = public_markdown("![chart](img/c.png) [x](javascript:alert(1)) [y](VBScript:z) `![kept](a.png)`", PAGE_URL)
    assert result.split(" ") == [
        "[chart](https://docs.example.com/guides/page/img/c.png)",
        r"[x\](javascript:alert(1))",
        r"[y\](VBScript:z)",
        "`![kept](a.png)`",
    ]
