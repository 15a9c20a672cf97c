"""Check real test-client responses against docs/openapi.yaml, the public API contract."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012
from werkzeug.test import TestResponse

SPEC_PATH = Path(__file__).resolve().parent.parent / "docs" / "openapi.yaml"
SPEC_URI = "urn:tertulia:openapi"  # the whole document; "#/components/..." refs resolve in it
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


@cache
def spec() -> dict[str, Any]:
    """The OpenAPI document, parsed once."""
    return yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))


@cache
def _registry() -> Registry:
    """A registry holding only the spec, so no reference ever reaches the network."""
    return Registry().with_resource(SPEC_URI, Resource(spec(), DRAFT202012))


def _at(pointer: str) -> Any:
    """The node at a JSON pointer ("/components/...") of the spec."""
    return _registry().resolver(SPEC_URI).lookup(f"#{pointer}").contents


def documented_operations() -> set[tuple[str, str]]:
    """Every documented (METHOD, path), for a coverage test."""
    paths = spec()["paths"]
    return {(m.upper(), path) for path, item in paths.items() for m in item if m in METHODS}


def _response_pointer(method: str, path: str, status: int) -> str:
    """Pointer to the documented response; a 405 may answer any method the path lacks."""
    item = spec()["paths"].get(path)
    assert item is not None, f"{path} is not documented; documented: {sorted(spec()['paths'])}"
    if method not in item and status == 405:
        method = next((m for m in METHODS if m in item and "405" in item[m]["responses"]), method)
    assert method in item, f"{method.upper()} {path} is not documented"
    responses = item[method]["responses"]
    assert str(status) in responses, (
        f"{method.upper()} {path} answered {status}, which is not documented "
        f"(documented: {', '.join(sorted(responses))})"
    )
    escaped = path.replace("~", "~0").replace("/", "~1")  # a JSON pointer token
    pointer = f"/paths/{escaped}/{method}/responses/{status}"
    while "$ref" in (node := _at(pointer)):
        pointer = node["$ref"].removeprefix("#")
    return pointer


def assert_matches_spec(response: TestResponse, method: str, path: str) -> None:
    """Fail unless the status, required headers and JSON body match the spec."""
    method, path = method.lower(), path.partition("?")[0]
    where = f"{method.upper()} {path} -> {response.status_code}"
    pointer = _response_pointer(method, path, response.status_code)
    documented = _at(pointer)
    for name, header in documented.get("headers", {}).items():
        header = _at(header["$ref"].removeprefix("#")) if "$ref" in header else header
        if header.get("required"):
            assert name in response.headers, f"{where}: the {name} header is missing"
        if name in response.headers and header.get("schema", {}).get("type") == "integer":
            value = response.headers[name]
            assert value.isdigit(), f"{where}: {name} is {value!r}, not a whole number"
    content = documented.get("content", {})
    if "application/json" not in content:
        # Another media type (the HTML fragment): check the type, never parse the body as JSON.
        if content:
            assert response.mimetype in content, (
                f"{where}: answered {response.mimetype}, documented {', '.join(sorted(content))}"
            )
        return
    assert response.mimetype == "application/json", f"{where}: answered {response.mimetype}"
    body = response.get_json(silent=True)
    ref = f"{SPEC_URI}#{pointer}/content/application~1json/schema"
    validator = Draft202012Validator(
        {"$ref": ref}, registry=_registry(), format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    errors = [
        f"  at {error.json_path}: {error.message}"
        for error in sorted(validator.iter_errors(body), key=lambda e: e.json_path)
    ]
    assert not errors, f"{where}: the body does not match the spec:\n" + "\n".join(errors)
