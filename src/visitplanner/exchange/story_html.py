"""The shared story as one standalone HTML file: read in any browser, mailed, printed.

One file and nothing else: inline CSS, photos embedded as ``data:`` URIs, no
script, no font or image fetched from anywhere, so it opens offline years later
exactly as it was sent. It reads as a centred column on screen and prints as a
document (A4 margins, one year per page run, entries and figures not split).
Every string the user typed is escaped: a ``<b>`` in an entry prints as ``<b>``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence

from visitplanner import __version__
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

# Only embedded pictures: a path or URL here would make the file fetch something.
_DATA_URI = re.compile(r"^data:image/(jpeg|png|webp|gif);base64,[A-Za-z0-9+/=\s]+$")

CSS = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
html { background: #fff; }
body {
  margin: 0 auto; padding: 2.5rem 1.25rem 4rem; max-width: 44rem;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Ubuntu,
    Cantarell, "DejaVu Sans", "Helvetica Neue", Arial, sans-serif,
    "Apple Color Emoji", "Segoe UI Emoji", "Noto Color Emoji";
  font-size: 1.0625rem; line-height: 1.6; color: #1f2933; background: #fff;
  overflow-wrap: anywhere; hyphens: auto;
}
h1, h2, h3, h4 { line-height: 1.25; color: #1f2933; }
h1 { font-size: 2.1rem; margin: 0 0 .5rem; }
h2 { font-size: 1.6rem; margin: 3rem 0 .75rem; padding-bottom: .3rem;
  border-bottom: 2px solid #9aa5b1; }
h3 { font-size: 1.2rem; margin: 2rem 0 .75rem; color: #52606d; }
h4 { font-size: 1.1rem; margin: .15rem 0 .3rem; }
a { color: #1d4e89; }
.cover { margin-bottom: 2.5rem; }
.cover .network { font-size: 1.2rem; font-weight: 600; margin: .25rem 0; }
.cover .period, .cover .generated { color: #52606d; margin: .15rem 0; }
nav.contents ol { list-style: none; padding-left: 0; }
nav.contents ol ol { padding-left: 1.5rem; }
nav.contents li { margin: .15rem 0; }
nav.contents .count { color: #52606d; font-size: .9em; }
article.entry { margin: 0 0 1.75rem; padding: 0 0 1.25rem; border-bottom: 1px solid #e4e7eb; }
article.entry:last-child { border-bottom: none; }
.when { margin: 0; font-size: .9rem; color: #52606d; }
.when time { font-weight: 600; color: #1f2933; }
.kind { text-transform: uppercase; letter-spacing: .04em; font-size: .8rem; }
.meta { margin: 0 0 .6rem; font-style: italic; font-size: .92rem; color: #52606d; }
.entry p { margin: .5rem 0; }
.entry ul { margin: .5rem 0; padding-left: 1.4rem; }
figure { margin: 1rem 0; }
figure img { display: block; max-width: 100%; height: auto; max-height: 75vh;
  border-radius: 2px; }
figcaption { font-size: .9rem; font-style: italic; color: #52606d; margin-top: .35rem; }
footer.generated { margin-top: 3rem; font-size: .85rem; color: #52606d; }
@page { size: A4; margin: 18mm 16mm 20mm; }
@media print {
  html, body { background: #fff; }
  body { max-width: none; padding: 0; font-size: 10.5pt; line-height: 1.45; }
  a { color: inherit; text-decoration: none; }
  .cover { padding-top: 30mm; }
  nav.contents { break-after: page; }
  section.year { break-before: page; }
  h2 { margin-top: 0; }
  h2, h3, h4, .when, .meta { break-after: avoid; }
  article.entry, figure { break-inside: avoid; }
  figure img { max-height: 110mm; }
  p, li { orphans: 3; widows: 3; }
  footer.generated { display: none; }
}
""".strip()


def _e(value: str | None) -> str:
    return html.escape(value or "", quote=True)


def _lines(lines: Sequence[str]) -> str:
    return "<br>\n".join(_e(line) for line in lines)


def _entry(entry: ExportedEntry, meta: StoryMeta, photo: str | None) -> list[str]:
    language = meta.language
    out = [
        f'<article class="entry" id="e-{safe_id(entry.uuid)}">',
        '<p class="when">'
        f'<time datetime="{entry.date.isoformat()}">{_e(day_label(entry.date, language))}</time>'
        f' · <span class="kind">{_e(kind_label(entry.kind, language))}</span></p>',
        f"<h4>{_e(entry.title)}</h4>",
    ]
    parts = meta_parts(entry, language)
    if parts:
        out.append(f'<p class="meta">{" · ".join(_e(p) for p in parts)}</p>')
    for block in text_blocks(entry.text):
        if isinstance(block, Bullets):
            out.append("<ul>" + "".join(f"<li>{_e(item)}</li>" for item in block.items) + "</ul>")
        else:
            out.append(f"<p>{_lines(block.lines)}</p>")
    if photo:
        caption = (entry.photo_caption or "").strip()
        out.append("<figure>")
        out.append(f'<img src="{_e(photo)}" alt="{_e(caption or entry.title)}">')
        if caption:
            out.append(f"<figcaption>{_e(caption)}</figcaption>")
        out.append("</figure>")
    out.append("</article>")
    return out


def render_html(
    entries: Sequence[ExportedEntry], meta: StoryMeta, photo_sources: Mapping[str, str]
) -> str:
    """The whole story as a standalone HTML5 page, in ``meta.language``.

    ``photo_sources`` maps an entry's uuid to its photo as a ``data:image/...;base64,``
    URI (the service encodes the print-size JPEG); anything else is ignored, so the
    file never refers to a path or an address that would not travel with it.
    """
    language = meta.language
    years = by_year_and_month(entries, language)
    title = meta.heading
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{_e(language)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="Visit Planner {_e(__version__)}">',
        f"<title>{_e(title)}{' — ' + _e(meta.network) if meta.network else ''}</title>",
        f"<style>\n{CSS}\n</style>",
        "</head>",
        "<body>",
        '<header class="cover">',
        f"<h1>{_e(title)}</h1>",
    ]
    if meta.network:
        out.append(f'<p class="network">{_e(meta.network)}</p>')
    facts = [part for part in (meta.period, meta.count_label(len(entries))) if part]
    out.append(f'<p class="period">{" · ".join(_e(f) for f in facts)}</p>')
    out.append(f'<p class="generated">{_e(meta.generated_label())}</p>')
    out.append("</header>")
    if years:
        heading = _e(contents_label(language))
        out += [
            '<nav class="contents" aria-labelledby="contents">',
            f'<h2 id="contents">{heading}</h2>',
            "<ol>",
        ]
        for year in years:
            out.append(f'<li><a href="#{year.anchor}">{year.label}</a>')
            out.append("<ol>")
            for month in year.months:
                count = _e(meta.count_label(len(month.entries)))
                out.append(
                    f'<li><a href="#{month.anchor}">{_e(month.label)}</a> '
                    f'<span class="count">({count})</span></li>'
                )
            out.append("</ol></li>")
        out += ["</ol>", "</nav>"]
    out.append("<main>")
    for year in years:
        out += [f'<section class="year" id="{year.anchor}">', f"<h2>{year.label}</h2>"]
        for month in year.months:
            out += [f'<section class="month" id="{month.anchor}">', f"<h3>{_e(month.label)}</h3>"]
            for entry in month.entries:
                source = photo_sources.get(entry.uuid)
                photo = source if source and _DATA_URI.match(source) else None
                out += _entry(entry, meta, photo)
            out.append("</section>")
        out.append("</section>")
    out.append("</main>")
    out.append(f'<footer class="generated">{_e(meta.generated_label())} — Visit Planner</footer>')
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"
