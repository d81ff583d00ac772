"""Layout checks that run inside the browser: sideways scrolling, small text, touching labels."""

from __future__ import annotations

from typing import Any

MIN_TEXT_PX = 12

# What a person on a phone would notice: the page scrolls sideways, or some text is smaller
# than 12 px. Text is any visible element with its own text; SVG text is measured as drawn
# (its font size times the SVG's scale on screen).
LAYOUT_JS = """
(minPx) => {
  const doc = document.documentElement;
  const skip = new Set(['SCRIPT', 'STYLE', 'TITLE', 'DESC', 'OPTION', 'NOSCRIPT', 'title', 'desc']);
  const small = [];
  for (const el of document.body.querySelectorAll('*')) {
    if (skip.has(el.tagName)) continue;
    const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    const field = el.matches(
      'input:not([type=hidden]):not([type=radio]):not([type=checkbox]), select, textarea, button'
    );
    if (!own && !field) continue;
    if (!el.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
    if (el.closest('.visually-hidden, .skip-link')) continue;
    const rect = el.getBoundingClientRect();
    if (rect.width < 1 || rect.height < 1) continue;
    let size = parseFloat(getComputedStyle(el).fontSize);
    if (el instanceof SVGElement) {
      const m = el.getScreenCTM();
      size *= Math.hypot(m.a, m.b);
    }
    if (size < minPx - 0.01) {
      const text = (el.textContent || el.value || '').trim().slice(0, 40);
      small.push(`<${el.tagName.toLowerCase()} class="${el.getAttribute('class') || ''}"> ` +
        `"${text}" is ${size.toFixed(1)} px`);
    }
  }
  // What sticks out on the right, when the page scrolls sideways (to say where to look).
  const wide = [];
  if (doc.scrollWidth > doc.clientWidth) {
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.right > doc.clientWidth + 0.5 && el.checkVisibility()) {
        const parent = el.parentElement;
        const pr = parent ? parent.getBoundingClientRect() : null;
        if (!pr || pr.right <= doc.clientWidth + 0.5) {
          wide.push(`<${el.tagName.toLowerCase()} class="${el.getAttribute('class') || ''}"> ` +
            `ends at ${r.right.toFixed(0)} px`);
        }
      }
    }
  }
  // A box that scrolls sideways inside the page must be a named, focusable region, so
  // keyboard users can scroll it (only for truly tabular data; anything else should fit).
  const boxes = [];
  for (const el of document.body.querySelectorAll('*')) {
    if (!['auto', 'scroll'].includes(getComputedStyle(el).overflowX)) continue;
    if (el.scrollWidth <= el.clientWidth + 1 || !el.checkVisibility()) continue;
    const named = el.getAttribute('aria-label') || el.getAttribute('aria-labelledby');
    if (el.tabIndex < 0 || el.getAttribute('role') !== 'region' || !named) {
      boxes.push(`<${el.tagName.toLowerCase()} class="${el.getAttribute('class') || ''}"> ` +
        `scrolls sideways (${el.scrollWidth} px in ${el.clientWidth} px) but is not a ` +
        'named, focusable region');
    }
  }
  return {
    scrollWidth: doc.scrollWidth, clientWidth: doc.clientWidth, small, wide: wide.slice(0, 8),
    boxes,
  };
}
"""


def layout_problems(page: Any) -> list[str]:
    """Sideways scrolling (of the page, or of a box no keyboard can scroll) and text under
    12 px on the page as it is now."""
    found = page.evaluate(LAYOUT_JS, MIN_TEXT_PX)
    problems = []
    if found["scrollWidth"] > found["clientWidth"]:
        problems.append(
            f"scrolls sideways: {found['scrollWidth']} px of content in {found['clientWidth']} px"
        )
        problems.extend(f"  {where}" for where in found["wide"])
    problems.extend(f"text under {MIN_TEXT_PX} px: {small}" for small in found["small"])
    problems.extend(found["boxes"])
    return problems


# Boxes of the visible text in each SVG that touch one another.
OVERLAP_JS = """
() => {
  const found = [];
  for (const svg of document.querySelectorAll('svg')) {
    if (!svg.checkVisibility()) continue;
    const boxes = [...svg.querySelectorAll('text')]
      .map((t) => [t.textContent, t.getBoundingClientRect()]);
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, ra] = boxes[i];
        const [b, rb] = boxes[j];
        if (ra.left < rb.right && rb.left < ra.right && ra.top < rb.bottom && rb.top < ra.bottom) {
          found.push(`"${a}" and "${b}"`);
        }
      }
    }
  }
  return found;
}
"""


def overlapping_svg_text(page: Any) -> list[str]:
    return list(page.evaluate(OVERLAP_JS))


def svg_text_boxes(page: Any, selector: str) -> list[dict[str, Any]]:
    """The on-screen box and text of each <text> in the SVG at `selector`."""
    return list(
        page.evaluate(
            """(selector) => [...document.querySelectorAll(selector + ' text')].map((t) => {
                const r = t.getBoundingClientRect();
                return {text: t.textContent, left: r.left, right: r.right, top: r.top,
                        bottom: r.bottom};
            })""",
            selector,
        )
    )
