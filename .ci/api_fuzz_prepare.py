#!/usr/bin/env python3
"""Prepares the API fuzz run of .ci/test.sh: real personal links for the respondent operations.

    python3 .ci/api_fuzz_prepare.py --base-url URL --token API_TOKEN --data-dir DIR --config OUT.toml

Through the API it creates a Maastricht scan, invites thirty informants and opens it, as an HR
system would; then it reads the personal links from the invitations the server wrote as .eml
files into DATA_DIR/outbox (the respondent's inbox when SMTP_HOST is unset, as in the browser
tests) and writes a schemathesis configuration that binds the respondent operations' `token`
(and the section `index`) to those real values for most generated cases. The rest stay
generated, so unknown links are tried too: give the server a LINK_FAILURE_LIMIT above the run's
number of unknown links, or from the twenty-first on they are answered 429 instead of 404.
It also creates one conversation record and one appraisal cycle from the documented examples (the token's account is their
planner and manager), for the stateful phase of the second run. Fails (exit 1) with a one-line reason when
a step does not answer as documented.
"""

import argparse
import datetime
import json
import pathlib
import re
import sys
import time
import urllib.error
import urllib.request

# Thirty informants: a link is spent once its respondent submits (then 409), so there are
# enough fresh ones for the whole run.
GROUPS = ["colleagues"] * 12 + ["staff"] * 10 + ["others"] * 6 + ["manager"] * 2
INFORMANTS = [
    (f"Informant {n:02}", f"informant{n:02}@gemeente.nl", group) for n, group in enumerate(GROUPS, 1)
]
SUBJECT = ("Piet Jansen", "piet.jansen@gemeente.nl")
LINK = re.compile(r"/s/([0-9a-f]{64})")


def fail(message: str) -> None:
    sys.exit(f"api_fuzz_prepare: {message}")


def call(base_url: str, token: str | None, method: str, path: str, body=None, expect=(200,)):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base_url + path, data=data, method=method)
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    if data is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            status, raw = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, raw = error.code, error.read()
    if status not in expect:
        fail(f"{method} {path} answered {status}, expected {expect}: {raw[:500]!r}")
    return json.loads(raw) if raw else None


def links_in_outbox(outbox: pathlib.Path, recipients: set[str]) -> dict[str, str]:
    """The personal link token of each recipient's invitation found in the .eml files."""
    found = {}
    for path in sorted(outbox.glob("*.eml")) if outbox.is_dir() else []:
        raw = path.read_text(encoding="utf-8", errors="replace")
        text = re.sub(r"=\r?\n", "", raw)  # quoted-printable soft line breaks
        to = re.search(r"^To: (?:.*<)?([^<>\s]+@[^<>\s]+?)>?\s*$", text, re.MULTILINE)
        match = LINK.search(text)
        if to and match and to.group(1) in recipients:
            found[to.group(1)] = match.group(1)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--token", required=True, help="an API token of the organiser")
    parser.add_argument("--data-dir", required=True, help="the server's DATA_DIR (outbox/*.eml)")
    parser.add_argument("--config", required=True, help="the schemathesis configuration to write")
    parser.add_argument("--all-config", required=True,
                        help="the second run's configuration to write (.ci/api_fuzz.toml plus the records)")
    args = parser.parse_args()
    base, token = args.base_url.rstrip("/"), args.token

    deadline = (datetime.date.today() + datetime.timedelta(days=28)).isoformat()
    scan = call(base, token, "POST", "/api/v1/scans", expect=(201,), body={
        "subject_name": SUBJECT[0],
        "subject_email": SUBJECT[1],
        "subject_job_title": "Beleidsmedewerker",
        "framework_id": "maastricht-2014",
        "framework_version": 1,
        "profile_id": "beleidsmedewerker",
        "level_id": "8-10",
        "competency_ids": [
            "samenwerken", "klantgericht-werken", "integriteit",
            "gevoel-voor-bestuurlijke-verhouding", "werken-in-netwerken", "visie-ontwikkelen",
            "resultaatgerichtheid",
        ],
        "deadline": deadline,
    })
    call(base, token, "POST", f"/api/v1/scans/{scan['id']}/invitations", expect=(201,), body={
        "informants": [{"name": n, "email": e, "group": g} for n, e, g in INFORMANTS],
    })
    call(base, token, "POST", f"/api/v1/scans/{scan['id']}/open")

    # The outbox worker sends within seconds of the opening; wait for every invitation.
    recipients = {email for _, email, _ in INFORMANTS} | {SUBJECT[1]}
    outbox = pathlib.Path(args.data_dir) / "outbox"
    links: dict[str, str] = {}
    for _ in range(300):
        links = links_in_outbox(outbox, recipients)
        if len(links) == len(recipients):
            break
        time.sleep(0.1)
    else:
        fail(f"{len(links)} of {len(recipients)} invitations found in {outbox} after 30 s")
    tokens = sorted(links.values())

    questionnaire = call(base, None, "GET", f"/api/v1/respond/{tokens[0]}")
    sections = len(questionnaire["sections"])
    if sections == 0:
        fail("the questionnaire has no sections")

    # Most cases use a real link (a token is spent once its respondent submits: then 409),
    # some a generated one (unknown: 404). Section indexes likewise.
    config = "\n".join([
        "# Written by .ci/api_fuzz_prepare.py for one fuzz run: the personal links of one open scan.",
        "[dictionaries.links]",
        "values = " + json.dumps(tokens),
        "",
        "[dictionaries.sections]",
        "values = " + json.dumps(list(range(sections))),
        "",
        "[[operations]]",
        'include-tag = "respond"',
        'parameters = { "path.token" = { dictionary = "links", probability = 0.9 }, '
        '"path.index" = { dictionary = "sections", probability = 0.8 } }',
        "",
    ])
    pathlib.Path(args.config).write_text(config, encoding="utf-8")

    # A conversation record the token's account plans: the documented example, so the caller's
    # list leads the stateful phase to a record from its first step (the account must be the
    # example's planner, see api_fuzz.sh).
    document = call(base, None, "GET", "/api/v1/openapi.json")
    example = document["components"]["schemas"]["ConversationInput"]["examples"][0]
    conversation = call(base, token, "POST", "/api/v1/conversations", body=example, expect=(201,))
    # An appraisal cycle the token's account runs as manager, from the documented example: a
    # cycle's steps on a real cycle answer 204, 409 (not in this stage) or 422.
    cycle_example = document["components"]["schemas"]["CycleInput"]["examples"][0]
    cycle = call(base, token, "POST", "/api/v1/cycles", body=cycle_example, expect=(201,))
    # Most conversation operations get this record's id: a generated id is only ever unknown
    # (404), and following the links alone reached a record's steps in one seed's run but not in
    # another's. Every step on a real record answers 204, 409 (not now, not you) or 422.
    second = pathlib.Path(__file__).with_name("api_fuzz.toml").read_text(encoding="utf-8")
    second += "\n".join([
        "",
        "# Written by .ci/api_fuzz_prepare.py: the conversation record the token's account plans.",
        "[dictionaries.conversations]",
        "values = " + json.dumps([conversation["id"]]),
        "",
        "[[operations]]",
        'include-tag = "conversations"',
        'parameters = { "path.id" = { dictionary = "conversations", probability = 0.8 } }',
        "",
        "# The appraisal cycle the token's account runs.",
        "[dictionaries.cycles]",
        "values = " + json.dumps([cycle["id"]]),
        "",
        "[[operations]]",
        'include-tag = "cycles"',
        'parameters = { "path.id" = { dictionary = "cycles", probability = 0.8 } }',
        "",
    ])
    pathlib.Path(args.all_config).write_text(second, encoding="utf-8")
    print(f"api_fuzz_prepare: scan {scan['id']} open, {len(tokens)} personal links, "
          f"{sections} sections -> {args.config}; conversation {conversation['id']}; cycle {cycle['id']}")


if __name__ == "__main__":
    main()
