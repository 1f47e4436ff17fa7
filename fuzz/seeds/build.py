"""Builds the seed corpora of the fuzz targets from the examples.

import_and_discover: every example flow document, each AI Agent job node
    alone, and the travel desk export zipped (with and without a root folder).
generate_from_flow: the same flows.
generate_request: request bodies combining the example mission and persona
    types, plus bodies that break one rule each.
schema_synthesis: every tool parameter schema found in the examples, behind
    a one-byte seed.

Usage: python3 seeds/build.py EXAMPLES_DIR CORPUS_DIR
"""

import io
import json
import pathlib
import sys
import zipfile


def write(folder, name, data):
    folder.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    (folder / name).write_bytes(data)


def zipped(export, root):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(export.rglob("*")):
            if path.is_file():
                archive.write(path, root + path.relative_to(export).as_posix())
    return buffer.getvalue()


def parameter_schemas(examples):
    configs = []
    for flow in sorted((examples / "flows").glob("*.json")):
        for node in json.loads(flow.read_text())["chart"]["nodes"]:
            configs.append(node.get("config") or {})
    for node in sorted((examples / "exports").glob("*/nodeData/*")):
        for localized in json.loads(node.read_text()).get("localizedData") or []:
            configs.append(localized.get("config") or {})

    for config in configs:
        schema = config.get("parameters")
        if isinstance(schema, str) and schema.strip():
            yield schema
        elif isinstance(schema, dict) and schema:
            yield json.dumps(schema)


def flow_seeds(examples, corpus):
    folder = corpus / "import_and_discover"
    for flow in sorted((examples / "flows").glob("*.json")):
        write(folder, flow.stem + ".json", flow.read_bytes())
        document = json.loads(flow.read_text())
        for index, node in enumerate(document["chart"]["nodes"]):
            if node.get("type") != "aiAgentJob":
                continue
            single = dict(document)
            children = [
                r for r in document["chart"]["relations"] if r.get("node") == node["_id"]
            ]
            kept = {node["_id"]} | {c for r in children for c in r.get("children", [])}
            single["chart"] = {
                "nodes": [n for n in document["chart"]["nodes"] if n["_id"] in kept],
                "relations": children,
            }
            write(folder, f"{flow.stem}-job-{index}.json", json.dumps(single))

    for export in sorted((examples / "exports").iterdir()):
        write(folder, export.name + ".zip", zipped(export, ""))
        write(folder, export.name + "-rooted.zip", zipped(export, export.name + "/"))


def pipeline_seeds(corpus):
    """The flows import accepts are the pipeline's inputs too."""
    source = corpus / "import_and_discover"
    folder = corpus / "generate_from_flow"
    for path in sorted(source.glob("*.json")) + sorted(source.glob("*.zip")):
        write(folder, path.name, path.read_bytes())


def request_seeds(examples, corpus):
    folder = corpus / "generate_request"
    missions = sorted((examples / "mission-types").glob("*.json"))
    personas = sorted((examples / "persona-types").glob("*.json"))
    for index, (mission, persona) in enumerate(zip(missions, personas * 2)):
        body = {
            "projectReference": "fuzz",
            "flowReferenceId": "banking-support",
            "selectedMissionType": json.loads(mission.read_text()),
            "selectedPersonaType": json.loads(persona.read_text()),
            "numberOfSuccessCriteria": 3,
            "requestedPackages": 10,
            "seed": 42 + index,
            "language": ["en", "de"][index % 2],
        }
        write(folder, f"{mission.stem}-{persona.stem}.json", json.dumps(body, indent=1))

        broken = dict(body, jobNodeID="x", requestedPackages=0, seed=2**53, language="fr")
        broken["selectedMissionType"] = dict(body["selectedMissionType"], successCriteria=[{}])
        write(folder, f"{mission.stem}-broken.json", json.dumps(broken))


# Keywords the examples do not use, so the fuzzer starts from each of them.
KEYWORD_SCHEMAS = [
    {"type": "object", "required": ["code"], "properties": {
        "code": {"type": "string", "pattern": "^[A-Z]{3}-[0-9]{2,4}$"}}},
    {"type": "object", "properties": {
        "when": {"type": "string", "format": "date-time"},
        "day": {"type": "string", "format": "date"},
        "mail": {"type": "string", "format": "email"},
        "site": {"type": "string", "format": "uri"},
        "id": {"type": "string", "format": "uuid"}}, "required": ["when", "day", "mail", "site", "id"]},
    {"type": "object", "properties": {
        "amount": {"type": "number", "minimum": 0.5, "maximum": 10, "multipleOf": 0.25},
        "count": {"type": "integer", "exclusiveMinimum": 1, "exclusiveMaximum": 4}},
     "required": ["amount", "count"], "additionalProperties": False},
    {"type": "object", "properties": {
        "items": {"type": "array", "minItems": 2, "maxItems": 3, "uniqueItems": True,
                  "items": {"enum": ["a", "b", "c", 1, None]}}}, "required": ["items"]},
    {"type": "object", "properties": {
        "choice": {"oneOf": [{"type": "string", "minLength": 3}, {"type": "integer"}]},
        "either": {"anyOf": [{"const": "x"}, {"type": "boolean"}]},
        "both": {"allOf": [{"type": "string"}, {"maxLength": 4}]}},
     "required": ["choice", "either", "both"]},
    {"$defs": {"node": {"type": "object", "properties": {
        "next": {"$ref": "#/$defs/node"}, "name": {"type": "string"}}, "required": ["name"]}},
     "type": "object", "properties": {"head": {"$ref": "#/$defs/node"}}, "required": ["head"]},
    {"$schema": "http://json-schema.org/draft-04/schema#", "type": "object",
     "properties": {"n": {"type": "number", "minimum": 3, "exclusiveMinimum": True}},
     "required": ["n"]},
    {"type": "object", "properties": {"x": {"not": {"type": "string"}}},
     "patternProperties": {"^p_": {"type": "integer"}}, "minProperties": 2},
]


def schema_seeds(examples, corpus):
    folder = corpus / "schema_synthesis"
    for index, schema in enumerate(parameter_schemas(examples)):
        write(folder, f"parameters-{index:02}.json", bytes([index]) + schema.encode())
    for index, schema in enumerate(KEYWORD_SCHEMAS):
        write(folder, f"keywords-{index:02}.json", bytes([index]) + json.dumps(schema).encode())


def main():
    examples, corpus = map(pathlib.Path, sys.argv[1:3])
    flow_seeds(examples, corpus)
    pipeline_seeds(corpus)
    request_seeds(examples, corpus)
    schema_seeds(examples, corpus)


if __name__ == "__main__":
    main()
