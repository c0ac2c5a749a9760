"""`make lighthouse`: Lighthouse scores (mobile preset) for the main public pages.

Starts the site as `make bench` does (gunicorn as `make serve` runs it, on a copy of
the demo database), runs `npx --yes lighthouse@12.2.3` with Debian's Chromium on the
home, condition, story list, story and consult pages, prints the Performance,
Accessibility, Best Practices and SEO scores, and for every score under 100 the audits
that cost points. Reports go to bench/work/lighthouse/, a summary to bench/results/.
Needs Node 20+ and npm access the first time (npx caches the package).
"""

import json
import os
import shutil
import subprocess
import sys
from datetime import UTC, datetime

from bench.site_server import RESULTS, WORK, SiteServer, copy_of_demo_database, raise_on_sigterm

LIGHTHOUSE = "lighthouse@12.2.3"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --disable-sync --no-first-run")


def run_lighthouse(url, output, attempts=3):
    """The report for `url`; Lighthouse sometimes fails a run outright (NO_NAVSTART,
    NO_FCP on a busy machine), so a failed run is retried before giving up."""
    for attempt in range(1, attempts + 1):
        try:
            return _run_lighthouse_once(url, output)
        except RuntimeError as error:
            if attempt == attempts:
                raise
            print(f"    attempt {attempt} failed, retrying: {str(error).splitlines()[-1][:200]}", flush=True)
    raise AssertionError("unreachable")


def _run_lighthouse_once(url, output):
    output.unlink(missing_ok=True)
    command = [
        "npx", "--yes", LIGHTHOUSE, url, "--quiet", f"--chrome-flags={CHROME_FLAGS}",
        f"--only-categories={','.join(CATEGORIES)}", "--output=json", f"--output-path={output}",
    ]
    env = dict(os.environ, CHROME_PATH=os.environ.get("CHROME_PATH", "/usr/bin/chromium"))
    completed = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if completed.returncode != 0 or not output.exists():
        raise RuntimeError(f"lighthouse failed on {url} ({completed.returncode}):\n"
                           f"{(completed.stderr or completed.stdout)[-3000:]}")
    report = json.loads(output.read_text())
    if report.get("runtimeError"):
        raise RuntimeError(f"lighthouse failed on {url}: {report['runtimeError'].get('code')}")
    return report


def _item_summary(item):
    """One line for an audit's detail item: the element, the URL or the text at fault."""
    node = item.get("node") if isinstance(item.get("node"), dict) else item
    for key in ("selector", "snippet", "nodeLabel"):
        if isinstance(node, dict) and node.get(key):
            label = node[key]
            if key == "selector" and node.get("snippet"):
                label = f"{node['selector']}  {node['snippet']}"
            return label
    for key in ("url", "source", "description", "text", "label"):
        value = item.get(key)
        if isinstance(value, str) and value:
            return value
        if isinstance(value, dict) and value.get("url"):
            return value["url"]
    return None


def failing_audits(report):
    """For each category under 100: the weighted audits that did not score 1."""
    failures = []
    for category_id in CATEGORIES:
        category = report["categories"].get(category_id)
        if not category or category["score"] is None or category["score"] >= 1:
            continue
        for ref in category["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref.get("weight", 0) <= 0 or audit.get("score") is None or audit["score"] >= 1:
                continue
            items = (audit.get("details") or {}).get("items") or []
            failures.append({
                "category": category_id, "id": ref["id"], "weight": ref["weight"], "score": audit["score"],
                "title": audit.get("title"), "display_value": audit.get("displayValue"),
                "items": [s for s in (_item_summary(i) for i in items[:8] if isinstance(i, dict)) if s],
            })
    return failures


def main():
    raise_on_sigterm()
    if not shutil.which("npx"):
        sys.exit("npx (Node 20+) is needed for Lighthouse.")
    chrome = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
    if not os.path.exists(chrome):
        sys.exit(f"Chromium not found at {chrome} (set CHROME_PATH, or `make browser` as root).")
    database = copy_of_demo_database()
    pages = {"home": "/en/", "condition": "/en/conditions/multiple-myeloma/", "story list": "/en/stories/",
             "story": "/en/stories/yuri-dual-target-car-t-multiple-myeloma/", "consult": "/en/consult/",
             "condition (ru)": "/ru/conditions/multiple-myeloma/",
             "story (zh-hans)": "/zh-hans/stories/yuri-dual-target-car-t-multiple-myeloma/"}
    reports_dir = WORK / "lighthouse"
    reports_dir.mkdir(parents=True, exist_ok=True)

    summary = []
    with SiteServer(database, WORK) as server:
        for name, path in pages.items():
            server.get(path, {"Accept-Encoding": "gzip"})  # fill the page cache, as in production
            print(f"  lighthouse {path} ...", flush=True)
            report = run_lighthouse(server.base_url + path, reports_dir / f"{name.replace(' ', '-')}.json")
            scores = {c: report["categories"][c]["score"] for c in CATEGORIES}
            summary.append({"page": name, "path": path, "scores": scores, "failing": failing_audits(report),
                            "runtime_error": report.get("runtimeError"),
                            "warnings": report.get("runWarnings", [])})

    def pct(score):
        return "  -" if score is None else f"{round(score * 100):>3}"

    print(f"\n{'page':<12} {'path':<44} {'perf':>5} {'a11y':>5} {'b-p':>5} {'seo':>5}")
    for row in summary:
        s = row["scores"]
        print(f"{row['page']:<12} {row['path'][:44]:<44} {pct(s['performance']):>5} {pct(s['accessibility']):>5} "
              f"{pct(s['best-practices']):>5} {pct(s['seo']):>5}")
    for row in summary:
        for warning in row["warnings"]:
            print(f"\n{row['path']}: Lighthouse warning: {warning}")
        if not row["failing"]:
            continue
        print(f"\n{row['path']} - audits that cost points:")
        for failure in row["failing"]:
            value = f" ({failure['display_value']})" if failure["display_value"] else ""
            print(f"  [{failure['category']}] {failure['id']}: {failure['title']}{value} "
                  f"score {failure['score']:.2f}, weight {failure['weight']}")
            for item in failure["items"]:
                print(f"      - {item[:160]}")

    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"lighthouse-{datetime.now(UTC).strftime('%Y%m%dT%H%M%SZ')}.json"
    out.write_text(json.dumps({"lighthouse": LIGHTHOUSE, "pages": summary}, indent=2) + "\n")
    print(f"\nFull reports in {reports_dir.relative_to(WORK.parent.parent)}/, summary in "
          f"{out.relative_to(WORK.parent.parent)}")
    all_100 = all(v == 1 for row in summary for v in row["scores"].values())
    return 0 if all_100 else 1


if __name__ == "__main__":
    sys.exit(main())
