"""Assertions shared by the end-to-end tests."""

from __future__ import annotations

from typing import Any

ELEMENTS = ("actors", "locations", "counts", "attributions")


def assert_spans_read_back(document: dict[str, Any], text: str) -> None:
    """Every event and element span reads back exactly the words it claims."""
    for event in document["events"]:
        start, end = event["span"]
        assert text[start:end] == event["text"], event["id"]
        for kind in ELEMENTS:
            for item in event[kind]:
                start, end = item["span"]
                assert text[start:end] == item["text"], (event["id"], kind, item)
        if event["date"] and event["date"].get("span"):
            start, end = event["date"]["span"]
            assert text[start:end] == event["date"]["text"], event["id"]
