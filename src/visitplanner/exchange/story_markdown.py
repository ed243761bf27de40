"""The shared story as a Markdown file: for a wiki, a Git repository, or a partner's editor.

Everything the user typed is escaped, so a ``*``, ``#``, ``<`` or ``[`` in an entry
reads as that character and never turns into emphasis, a heading, HTML or a link:
the structure (years, months, entries) is the document's, not the typing's.
Anchors are explicit (``<a id>``) because renderers disagree on heading slugs
(Pandoc gives none to a heading that starts with a digit, such as ``2026``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from urllib.parse import quote

from visitplanner.exchange.story_text import (
    Bullets,
    ExportedEntry,
    StoryMeta,
    by_year_and_month,
    contents_label,
    day_label,
    kind_label,
    meta_parts,
    safe_id,
    text_blocks,
)

# Punctuation that CommonMark or GitHub give a meaning to anywhere in a line.
_INLINE = re.compile(r"([\\`*_\[\]<>|~#$])")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_ORDERED = re.compile(r"^(\d+)([.)])")


def escape_inline(value: str) -> str:
    """Text that Markdown shows as typed, on one line (headings, alt text, list items)."""
    text = " ".join(value.split())
    text = _INLINE.sub(r"\\\1", text)
    return _ENTITY.sub(r"\\&", text)


def _escape_line(value: str) -> str:
    """One line of a paragraph: inline escapes plus what only matters at a line's start."""
    text = escape_inline(value)
    if text[:1] in {"-", "+", "="}:
        text = "\\" + text  # list item, or a setext heading underline
    return _ORDERED.sub(r"\1\\\2", text)  # "1. " would start a numbered list


def _paragraph(lines: Sequence[str]) -> str:
    # A backslash at a line's end is CommonMark's visible-everywhere hard line break.
    kept = [_escape_line(line) for line in lines if line.strip()]
    return "\\\n".join(kept)


def _link(path: str) -> str:
    return quote(path.replace("\\", "/"), safe="/._-~")


def _entry(entry: ExportedEntry, meta: StoryMeta, photo: str | None) -> list[str]:
    when = day_label(entry.date, meta.language)
    anchor = f'<a id="e-{safe_id(entry.uuid)}"></a>'
    out = [anchor, "", f"#### {when} — {escape_inline(entry.title)}", ""]
    line = [kind_label(entry.kind, meta.language), *meta_parts(entry, meta.language)]
    out += ["*" + " · ".join(escape_inline(part) for part in line) + "*", ""]
    for block in text_blocks(entry.text):
        if isinstance(block, Bullets):
            out += [f"- {_escape_line(item)}" for item in block.items]
        else:
            out.append(_paragraph(block.lines))
        out.append("")
    if photo:
        caption = (entry.photo_caption or "").strip()
        out += [f"![{escape_inline(caption or entry.title)}]({_link(photo)})", ""]
        if caption:
            out += [f"*{escape_inline(caption)}*", ""]
    return out


def render_markdown(
    entries: Sequence[ExportedEntry], meta: StoryMeta, photo_links: Mapping[str, str]
) -> str:
    """The whole story, oldest first, grouped by year (``##``) and month (``###``).

    ``photo_links`` maps an entry's uuid to its photo's path relative to the Markdown
    file (the service copies the photos beside it); an entry without one has no image.
    """
    years = by_year_and_month(entries, meta.language)
    out = [f"# {escape_inline(meta.heading)}", ""]
    if meta.network:
        out += [f"**{escape_inline(meta.network)}**", ""]
    facts = [part for part in (meta.period, meta.count_label(len(entries))) if part]
    out += [escape_inline(" · ".join(facts)), "", f"*{escape_inline(meta.generated_label())}*", ""]
    if years:
        out += [f"## {escape_inline(contents_label(meta.language))}", ""]
        for year in years:
            out.append(f"- [{year.label}](#{year.anchor})")
            out += [f"  - [{escape_inline(m.label)}](#{m.anchor})" for m in year.months]
        out.append("")
    for year in years:
        out += [f'<a id="{year.anchor}"></a>', "", f"## {year.label}", ""]
        for month in year.months:
            out += [f'<a id="{month.anchor}"></a>', "", f"### {escape_inline(month.label)}", ""]
            for entry in month.entries:
                out += _entry(entry, meta, photo_links.get(entry.uuid))
    return "\n".join(out).rstrip("\n") + "\n"
