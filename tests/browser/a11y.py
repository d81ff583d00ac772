"""Accessibility checks that run inside the browser: axe-core, target sizes, page basics."""

from __future__ import annotations

import json
from importlib.util import find_spec
from pathlib import Path
from typing import Any

# axe-core as bundled with axe-playwright-python (no network, pinned with the package).
_AXE_PACKAGE = find_spec("axe_playwright_python")
assert _AXE_PACKAGE is not None and _AXE_PACKAGE.origin, "axe-playwright-python is not installed"
AXE_JS = Path(_AXE_PACKAGE.origin).parent / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": AXE_TAGS},
    # target-size (WCAG 2.5.8, tag wcag22aa) is off unless asked for by name.
    "rules": {"target-size": {"enabled": True}},
    "resultTypes": ["violations"],
}


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """Run axe-core on the page as it is now.

    The page's context must have been made with bypass_csp=True: the site's CSP allows only
    same-origin scripts with a nonce, so an injected axe would otherwise be blocked.
    """
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
    return list(result["violations"])


def describe_violations(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']}\n"
            f"  {violation['helpUrl']}"
        )
        for node in violation["nodes"]:
            lines.append(f"    at {json.dumps(node['target'])}")
            lines.append(f"       {node['html'][:200]}")
            summary = node.get("failureSummary", "").replace("\n", "\n       ")
            if summary:
                lines.append(f"       {summary}")
    return "\n".join(lines)


# WCAG 2.5.8 Target Size (Minimum): every interactive element is at
# least 24 x 24 CSS px, except links inside a sentence. An undersized target still passes by
# the criterion's spacing rule: a 24 px circle on its centre touches no other target and no
# other undersized target's circle. A radio or checkbox passes through its label (the
# "equivalent control" exception: the label works the same control and is big enough).
TARGETS_JS = """
() => {
  const MIN = 24;
  const selector =
    'a[href], button, input:not([type=hidden]), select, textarea, summary, label[for]';
  // checkVisibility() is false inside a closed <details>, under display: none and the like.
  const visible = (el) => {
    if (!el.checkVisibility({ visibilityProperty: true })) return false;
    const r = el.getBoundingClientRect();
    return r.width > 1 && r.height > 1 && !el.closest('.visually-hidden');
  };
  const inSentence = (el) => {
    if (el.tagName !== 'A' || getComputedStyle(el).display !== 'inline') return false;
    return [...el.parentNode.childNodes].some((node) => node !== el && (
      (node.nodeType === Node.TEXT_NODE && node.textContent.trim()) ||
      (node.nodeType === Node.ELEMENT_NODE && getComputedStyle(node).display === 'inline'
        && !node.matches(selector) && node.textContent.trim())
    ));
  };
  const big = (r) => r.width >= MIN - 0.01 && r.height >= MIN - 0.01;
  const name = (el) => {
    const text = (el.innerText || el.value || el.getAttribute('aria-label') || '').trim();
    const id = el.id ? '#' + el.id : '';
    return `<${el.tagName.toLowerCase()}${id}> "${text.slice(0, 40)}"`;
  };
  const all = [...document.querySelectorAll(selector)].filter(visible);
  const targets = all.filter((el) => {
    if (inSentence(el)) return false;
    if (el.matches('input[type=radio], input[type=checkbox]')) {
      return ![...el.labels].some((label) => big(label.getBoundingClientRect()));
    }
    return true;
  });
  const rects = new Map(targets.map((el) => [el, el.getBoundingClientRect()]));
  const centre = (r) => [r.left + r.width / 2, r.top + r.height / 2];
  const circleHitsRect = ([x, y], r) => {
    const dx = Math.max(r.left - x, 0, x - r.right);
    const dy = Math.max(r.top - y, 0, y - r.bottom);
    return dx * dx + dy * dy < (MIN / 2) * (MIN / 2);
  };
  const small = targets.filter((el) => !big(rects.get(el)));
  const problems = [];
  for (const el of small) {
    const r = rects.get(el);
    const c = centre(r);
    const neighbour = targets.find((other) => {
      if (other === el || other.contains(el) || el.contains(other)) return false;
      const o = rects.get(other);
      if (circleHitsRect(c, o)) return true;
      if (!big(o)) {
        const [x, y] = centre(o);
        return Math.hypot(x - c[0], y - c[1]) < MIN;
      }
      return false;
    });
    if (neighbour) {
      const size = `${r.width.toFixed(1)} x ${r.height.toFixed(1)} px`;
      problems.push(`${name(el)} is ${size}, and too close to ${name(neighbour)}`);
    }
  }
  return problems;
}
"""


def target_size_problems(page: Any) -> list[str]:
    return list(page.evaluate(TARGETS_JS))


# Page basics: lang="en" (WCAG 3.1.1), a title (WCAG 2.4.2), exactly one h1; a step indicator
# marks the current step.
BASICS_JS = """
() => {
  const problems = [];
  const lang = document.documentElement.lang;
  if (lang !== 'en') problems.push(`lang is "${lang}"`);
  if (!document.title.trim()) problems.push('the page has no <title>');
  const titles = document.querySelectorAll('title:not(svg title)');
  if (titles.length !== 1) problems.push(`${titles.length} <title> elements (outside SVG)`);
  const h1s = document.querySelectorAll('h1');
  if (h1s.length !== 1) problems.push(`${h1s.length} <h1> elements`);
  const steps = document.querySelector('.steps-list');
  if (steps && steps.querySelectorAll('[aria-current="step"]').length !== 1) {
    problems.push('the step indicator does not mark exactly one step aria-current="step"');
  }
  return problems;
}
"""


def page_basics_problems(page: Any) -> list[str]:
    return list(page.evaluate(BASICS_JS))
