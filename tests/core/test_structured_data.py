"""JSON-LD is written so that nothing in it can end the <script> block it sits in."""

import json

from core.structured_data import to_script_json


def test_json_ld_escapes_content():
    text = to_script_json({"name": "</script><script>alert(1)</script> & \u2028"})
    assert "</script>" not in text and "<" not in text and "&" not in text
    assert json.loads(text)["name"].startswith("</script>")
