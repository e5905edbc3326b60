"""Every sentence the knowledge package puts in front of a person: content-check findings and
export errors. Placeholders are filled with str.format."""

# Findings of the content check.
DUPLICATE_ID = "id '{entry}' is also used by entry #{other_index} in {other_file}"
BROKEN_RELATED = "related id '{target}' is not an entry"
SELF_RELATED = "lists itself as related"
EMPTY_SOURCES = "'sources' is empty: cite at least one page heading, or leave the field out"
EMPTY_ANCHOR = "source heading {heading!r} on page '{page}' gives an empty anchor"
OWN_PAGE_NOT_CITED = "does not cite the page of its own file ('{page}')"
DUPLICATE_ANCHOR = "anchor '#{anchor}' on page '{page}' is also cited by entry '{other}'"
UNRENDERED_PLACEHOLDER = (
    "contains an unrendered placeholder near {excerpt!r}: write references as {{{{ policy.section.field }}}}"
)
NEAR_DUPLICATE = "{text!r} is close to {other_text!r} of entry '{other}' (similarity {score})"
DUPLICATE_PHRASING = "{text!r} appears more than once (after normalising case and punctuation)"

# Export errors.
UNKNOWN_FORMAT = "unknown export format '{fmt}'; available: {available}"
FORMAT_UNAVAILABLE = "export format '{fmt}' is unavailable (missing module '{module}'); available: {available}"
FORMAT_WITHOUT_WRITER = "export module for '{fmt}' has no write(kb, out_dir, base_url) function"
OUT_DIR_NOT_A_DIRECTORY = "output path {path} exists and is not a directory"
CANNOT_WRITE = "cannot write {path}: {reason}"
EXPORT_BAD_BASE_URL = "--base-url must be an absolute http(s) URL without query or fragment, not {url!r}"
EXPORT_NO_SLUG = "page '{page}': its URL {url} has no last path segment to name its folder"
EXPORT_RESERVED_SLUG = "page '{page}': its folder name '{slug}' is reserved for the site's own files"
EXPORT_DUPLICATE_SLUG = "pages '{other}' and '{page}' would both be published as '{slug}/'"
EXPORT_ANCHOR_CLASH = "page '{page}': entries '{other}' and '{entry}' both use the anchor '#{anchor}'"
