"""Parses Prometheus text (stdin) with the official Python client's parser and prints its families
as JSON (stdout). The parser rejects malformed HELP, TYPE and sample lines, so a scrape that parses
here is one Prometheus reads."""
import json
import sys

from prometheus_client.parser import text_string_to_metric_families

families = [
    {
        "name": family.name,
        "type": family.type,
        "documentation": family.documentation,
        "samples": [{"name": s.name, "labels": s.labels, "value": s.value} for s in family.samples],
    }
    for family in text_string_to_metric_families(sys.stdin.read())
]
json.dump(families, sys.stdout)
