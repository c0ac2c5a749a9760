"""Can pip-audit's advisory service answer here? Used by `make audit` before it runs.

pip-audit asks PyPI's JSON API for each pinned release
(https://pypi.org/pypi/<name>/<version>/json, whose "vulnerabilities" list comes from
the PyPA advisory database). When that cannot be reached, or a mirror answers the
project page but not per-release queries, pip-audit audits nothing, and without
--strict it would still say "No known vulnerabilities found". So we ask once for the
first pin of requirements.txt, and skip the audit, saying so, unless it answers.

Exit status: 0 the service answers, 3 it does not (audit skipped, one line printed).
"""

import json
import re
import sys
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SKIPPED = 3


def first_pin():
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        if match := re.match(r"\s*([A-Za-z0-9_.-]+)==([^\s;#]+)", line):
            return match.groups()
    sys.exit("requirements.txt has no name==version pin to ask about.")


def main():
    name, version = first_pin()
    url = f"https://pypi.org/pypi/{name}/{version}/json"
    try:
        with urllib.request.urlopen(url, timeout=15) as response:  # noqa: S310 - fixed https URL
            answer = json.load(response)
        if "vulnerabilities" not in answer:
            raise ValueError("the answer has no vulnerabilities field")
    except (OSError, ValueError) as error:  # URLError/HTTPError/timeouts are OSErrors
        reason = f"HTTP {error.code}" if isinstance(error, urllib.error.HTTPError) else str(error)
        print(f"pip-audit skipped: the advisory service is unreachable ({url}: {reason}).")
        return SKIPPED
    return 0


if __name__ == "__main__":
    sys.exit(main())
