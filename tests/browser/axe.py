"""axe-core, from the project's npm packages (node_modules/axe-core), run in a page."""

from pathlib import Path

from django.conf import settings

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"


def serious_violations(page, context: str = "document") -> list[dict]:
    """axe's violations of impact serious or critical on the page as it is now, each with its
    rule id, help text and the first offending elements (an empty list when there are none)."""
    # Evaluated through the browser's debugging protocol rather than added as a <script>: an
    # enforced Content-Security-Policy (script-src 'self', no inline script) would refuse it.
    if not page.evaluate("() => Boolean(window.axe)"):
        page.evaluate(AXE.read_text(encoding="utf-8") + "\n;undefined")
    result = page.evaluate(
        """async (context) => {
            const target = context === "document" ? document : document.querySelector(context);
            const found = await window.axe.run(target, { resultTypes: ["violations"] });
            return found.violations.map((v) => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ")),
            }));
        }""",
        context,
    )
    return [v for v in result if v["impact"] in {"serious", "critical"}]
