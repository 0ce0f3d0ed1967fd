"""Which main-text extractor `workshop draft` uses for saved web pages, measured.

    python benchmarks/extractors.py        # in a venv with trafilatura and/or readability-lxml

Each page is written here (invented text, the shapes real pages have: navigation, a byline,
sections under headings, a comment thread, related links, a footer). For each extractor it
prints whether the article's title, every section heading and the body were found and whether the
chrome was dropped, then the import time (a fresh interpreter) and the best parse time per page.
"""

from __future__ import annotations

import subprocess
import sys
import time

BODY = (
    "Agents who hear the reason for a change tend to adopt it sooner and with fewer complaints. "
    "Supervisors who explain the why save themselves a week of repeated questions. "
)
SECTIONS = ["Start the shift with one clear aim", "Let the queue data speak first", "Close the loop before home time"]
CHROME = ["NAVLINK", "COMMENTTEXT", "RELATEDLINK", "FOOTERTEXT", "COOKIETEXT"]


def _article(tag: str = "article", h: str = "h2") -> str:
    # every paragraph distinct (P0 … P6): extractors rightly drop repeated paragraphs as boilerplate
    sections = "".join(
        f"<{h}>{s}</{h}><p>P{2 * n + 1}. {BODY}</p><p>P{2 * n + 2}. {BODY}</p>" for n, s in enumerate(SECTIONS)
    )
    return (
        f"<{tag}><h1>Calmer Mornings On The Floor</h1><p class='byline'>By Pat Invented</p><p>P0. {BODY}</p>"
        f"{sections}</{tag}>"
    )


def _semantic() -> str:
    return (
        "<!DOCTYPE html><html lang='en'><head><title>Calmer Mornings On The Floor | Invented Weekly</title>"
        "<meta property='og:title' content='Calmer Mornings On The Floor'><meta name='author' content='Pat Invented'>"
        "</head><body><header><nav><a href='/'>NAVLINK home</a> <a href='/x'>NAVLINK pricing</a></nav></header>"
        f"<main>{_article()}</main>"
        "<section id='comments'><h3>2 comments</h3><p>COMMENTTEXT great read, thanks for sharing this.</p>"
        "<p>COMMENTTEXT we tried it and it worked on our late shift too.</p></section>"
        "<aside><h4>Related</h4><ul><li><a href='/a'>RELATEDLINK queues</a></li></ul></aside>"
        "<footer>FOOTERTEXT all rights reserved</footer></body></html>"
    )


def _div_soup() -> str:
    return (
        "<html lang='en-GB'><head><title>Calmer Mornings On The Floor - Invented Weekly</title></head><body>"
        "<div class='top-menu'><a href='/'>NAVLINK home</a> | <a href='/b'>NAVLINK blog</a></div>"
        "<div class='cookie-consent'>COOKIETEXT we use cookies</div>"
        f"<div class='wrapper'><div class='content-main'>{_article('div')}</div>"
        "<div class='comments'><div class='comment'>COMMENTTEXT this matches what we see every Monday.</div>"
        "<div class='comment'>COMMENTTEXT could you write about evening shifts next?</div></div>"
        "<div class='sidebar'><a href='/c'>RELATEDLINK more posts</a></div></div>"
        "<div class='site-footer'>FOOTERTEXT contact us</div></body></html>"
    )


def _h3_sections() -> str:
    page = _semantic().replace("<h2>", "<h3>").replace("</h2>", "</h3>")
    return page.replace("<main>", "<main><p>Updated on a Tuesday</p>")


def _long_comments() -> str:
    # comments as long as the article's paragraphs, in plain divs: the hard case for an extractor
    thread = "".join(f"<div class='reply'><p>COMMENTTEXT {n}. {BODY}{BODY}</p></div>" for n in range(4))
    return _div_soup().replace("<div class='sidebar'>", f"<div id='discussion'>{thread}</div><div class='sidebar'>")


PAGES = {
    "semantic": _semantic(),
    "div soup": _div_soup(),
    "h3 sections": _h3_sections(),
    "long comments": _long_comments(),
}


def _trafilatura(page: str) -> tuple[str, str]:
    import trafilatura

    doc = trafilatura.bare_extraction(
        page, output_format="python", include_formatting=True, with_metadata=True, include_comments=False
    )
    text = trafilatura.extract(page, output_format="markdown", include_formatting=True, include_comments=False) or ""
    return (getattr(doc, "title", "") or ""), text


def _readability(page: str) -> tuple[str, str]:
    from readability import Document

    doc = Document(page)
    return doc.short_title(), doc.summary(html_partial=True)


EXTRACTORS = {"trafilatura": ("trafilatura", _trafilatura), "readability-lxml": ("readability", _readability)}


def _score(title: str, text: str) -> str:
    found = [s for s in SECTIONS if s in text]
    kept = [c for c in CHROME if c in text]
    return (
        f"title {'ok' if title == 'Calmer Mornings On The Floor' else repr(title)}, headings {len(found)}/3, "
        f"body {'ok' if all(f'P{n}.' in text for n in range(7)) else 'MISSING'}, chrome kept {kept or 'none'}"
    )


def main() -> None:
    for name, (module, extract) in EXTRACTORS.items():
        try:
            __import__(module)
        except ImportError:
            print(f"{name}: not installed")
            continue
        code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
        cmd = [sys.executable, "-c", code]
        imports = min(float(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout) for _ in range(3))
        print(f"{name}: import {imports * 1000:.0f} ms")
        for page_name, page in PAGES.items():
            best = float("inf")
            for _ in range(5):
                started = time.perf_counter()
                title, text = extract(page)
                best = min(best, time.perf_counter() - started)
            print(f"  {page_name}: {_score(title, text)}; {best * 1000:.1f} ms")


if __name__ == "__main__":
    main()
