"""schema.org JSON-LD of a term page, safe to put inside `<script>`."""

from __future__ import annotations

import json


def script_json(data: object) -> str:
    """JSON that is safe inside `<script>`: no `</script>`, `<!--` or `&` can close it."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def defined_term(name: str, description: str, url: str, anchor: str, lang: str,
                 set_name: str, set_url: str) -> str:
    """schema.org `DefinedTerm` JSON-LD, inside the `DefinedTermSet` of its language."""
    return script_json({
        "@context": "https://schema.org",
        "@type": "DefinedTerm",
        "@id": url,
        "name": name,
        "description": description,
        "termCode": anchor,
        "url": url,
        "inLanguage": lang,
        "inDefinedTermSet": {"@type": "DefinedTermSet", "@id": set_url, "name": set_name,
                             "url": set_url, "inLanguage": lang},
    })
