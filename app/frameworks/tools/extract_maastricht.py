#!/usr/bin/env python3
"""Extract the Maastricht competentiegids (seed 004) into maastricht-2014.toml.

Throw-away-but-kept tool: the shipped TOML is the authority, this script only documents how it
was produced so a reviewer can reproduce it. Usage:

    python3 extract_maastricht.py ../seeds/004_eb75be18cb468ead.txt > ../maastricht-2014.toml

How the PDF extraction is read (see seeds/README.md):
* The competency guide runs from the line " Kerncompetenties" to " Competentieprofielen".
  Lines starting with a single space mark a new PDF page; "Pagina N" lines are page furniture.
* Each competency starts at a line equal to one of the 27 names listed in the guide's overview,
  followed by its definition. It has exactly three "Tips om deze competentie te ontwikkelen"
  headings, one per band (3-7, 8-10, 11-18), in order.
* Behaviours of band n are the bullets before tips heading n; tips of band n are the bullets after
  it, up to the first band marker ("8", "-1", "0   Kenmerkend werkgedrag", "11", ...), a
  "Kenmerkend werkgedrag" heading or a page break - whichever comes first.
* Bullets start with U+2022. A line ending in a space continues with a space; a line ending
  without one continues without a space (lost soft hyphen, e.g. "verbeter" + "mogelijkheden").
  A line ending in "-" (with or without a trailing space) is a broken word: the hyphen is kept
  when the hyphenated form occurs unbroken elsewhere in the seed ("politiek-bestuurlijke") or
  before "en"/"of"/"als" ("voor- en nadelen"); otherwise it is dropped ("meerjaren-" +
  "perspectief" gives "meerjarenperspectief").
* Profiles are read from the "Competentieprofielen" tables at the end of the file.
"""

import re
import sys
import unicodedata

NAMES = {
    "kern": ["Samenwerken", "Klantgericht werken", "Integriteit"],
    "verbinden": [
        "Gevoel voor bestuurlijke verhouding", "Motiveren", "Inlevingsvermogen",
        "Integraal werken", "Werken in netwerken", "Presentatie", "Visie ontwikkelen",
        "Ondernemend handelen", "Onderhandelen",
    ],
    "kiezen": [
        "Besluitvaardigheid", "Flexibel zijn", "Plannen en organiseren",
        "Resultaatgerichtheid", "Verantwoordelijkheid", "Overtuigingskracht",
        "Vasthoudendheid",
    ],
    "leren": [
        "Luisteren", "Analyseren", "Lerend vermogen", "Initiatief", "Vernieuwen",
        "Omgevingsbewust", "Oordeelsvorming", "Accuraat werken",
    ],
}
CLUSTER_OF = {n: c for c, ns in NAMES.items() for n in ns}
BULLET = "\u2022"
TIPS = "Tips om deze competentie te ontwikkelen"
MARKER_RE = re.compile(r"^\s*(3|8|11|0|\u2013\s*(1|7))?\s*(Kenmerkend werkgedrag)?\s*$")
FURNITURE_RE = re.compile(r"^\s*(Pagina\s+\d+|\d+ (Resultaatgerichtheid|Verantwoordelijkheid nemen|Overtuigingskracht|Vasthoudendheid))\s*$")
# Text that follows the last competency of a cluster (cluster introduction pages).
CLUSTER_INTRO = ("Verbinden", "Als we kiezen", "Als we leren", "Kiezen", "Leren")

WARNINGS = []
MEANING_EN = {
    "1": "does not meet the requirements and expectations at all",
    "2": "does not fully meet the requirements and expectations",
    "3": "meets the requirements and expectations",
    "4": "regularly exceeds the requirements and expectations",
    "5": "constantly exceeds the requirements and expectations",
}


def slug(name):
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


def is_marker(line):
    return line.strip() != "" and MARKER_RE.match(line) is not None


def is_page_break(line):
    return line.startswith(" ") and not line.startswith("  ") and line.strip() != ""


def vocabulary(text):
    """Hyphenated compounds that occur unbroken on one line, e.g. "politiek-bestuurlijke"."""
    return set(re.findall(r"\w+-\w+", text))


def join_lines(lines, vocab):
    """Join the physical lines of one bullet or paragraph into one string."""
    out = ""
    for i, raw in enumerate(lines):
        line = raw.replace("\t", " ")
        if i == 0:
            out = line.strip()
            continue
        nxt = line.strip()
        prev_raw = lines[i - 1].replace("\t", " ")
        first_word = nxt.split(" ")[0] if nxt else ""
        if out.endswith("-") and prev_raw.endswith(" ") and first_word in ("en", "of", "als"):
            out = out + " " + nxt  # "voor- en nadelen"
        elif out.endswith("-"):
            head = re.findall(r"(\w+)-$", out)
            head = head[0] if head else ""
            tail = re.match(r"\w+", nxt)
            tail = tail.group(0) if tail else ""
            if first_word in ("en", "of", "als") or (head and tail and f"{head}-{tail}" in vocab):
                out = out + nxt  # keep the hyphen: "politiek-" + "bestuurlijke"
                WARNINGS.append(f"kept hyphen: {head}-{tail}")
            else:
                out = out[:-1] + nxt
        elif prev_raw.endswith(" ") or prev_raw.endswith(BULLET):
            out = out + " " + nxt
        else:
            out = out + nxt
            WARNINGS.append(f"joined without space: {prev_raw[-25:]!r} + {nxt[:25]!r}")
    out = re.sub(r"\s+", " ", out).strip()
    return out


def bullets(lines, vocab, where):
    """Split a block of lines into bullet items (page furniture already removed).

    A bullet runs until the next bullet, band marker or tips heading. Blank lines do not end
    a bullet: the PDF columns sometimes break a sentence (or a word) with an empty line.
    """
    items, cur, after_blank = [], None, False
    for line in lines:
        s = line.strip()
        body = line.lstrip(" \t")
        if s.startswith(BULLET):
            if cur is not None:
                items.append(cur)
            cur = [body[1:].lstrip(" \t")]
        elif s == "":
            after_blank = True
            continue
        elif is_marker(line) or s == TIPS:
            if cur is not None:
                items.append(cur)
                cur = None
        else:
            if cur is None:
                WARNINGS.append(f"{where}: loose text {s!r}")
                cur = [body]
            else:
                if after_blank:
                    WARNINGS.append(f"{where}: continued over a blank line: {s[:40]!r}")
                cur.append(body)
        after_blank = False
    if cur is not None:
        items.append(cur)
    return [join_lines(it, vocab) for it in items]


def split_tips_and_next(lines):
    """Index where the tips of band n end and the behaviours of band n+1 begin."""
    for i, line in enumerate(lines):
        if i > 0 and (is_marker(line) or is_page_break(line)):
            return i
    raise SystemExit("no band boundary found")


def parse_competencies(all_lines, vocab):
    start = next(i for i, l in enumerate(all_lines) if l.strip() == "Kerncompetenties" and i > 1200)
    end = next(i for i, l in enumerate(all_lines) if l.strip() == "Competentieprofielen")
    lines = [l.rstrip("\n") for l in all_lines[start:end] if not FURNITURE_RE.match(l)]
    heads = []
    for i, l in enumerate(lines):
        if l.strip() in CLUSTER_OF:
            heads.append((i, l.strip()))
    names_found = [n for _, n in heads]
    expected = [n for ns in NAMES.values() for n in ns]
    if sorted(names_found) != sorted(expected):
        raise SystemExit(f"competency headings mismatch: {names_found}")
    comps = []
    for k, (i, name) in enumerate(heads):
        j = heads[k + 1][0] if k + 1 < len(heads) else len(lines)
        body = lines[i + 1 : j]
        # cut a trailing cluster introduction page
        for m, l in enumerate(body):
            if is_page_break(l) and l.strip().startswith(CLUSTER_INTRO):
                body = body[:m]
                break
        tips_idx = [m for m, l in enumerate(body) if l.strip() == TIPS]
        if len(tips_idx) != 3:
            raise SystemExit(f"{name}: {len(tips_idx)} tips headings")
        first = next(m for m, l in enumerate(body) if is_marker(l) or l.strip().startswith(BULLET))
        definition = join_lines([l.lstrip(" \t") for l in body[:first] if l.strip()], vocab)
        b1 = body[first : tips_idx[0]]
        rest = []
        for n in range(3):
            stop = tips_idx[n + 1] if n < 2 else len(body)
            rest.append(body[tips_idx[n] + 1 : stop])
        levels = []
        beh = b1
        for n in range(3):
            if n < 2:
                cut = split_tips_and_next(rest[n])
                tips, nxt = rest[n][:cut], rest[n][cut:]
            else:
                tips, nxt = rest[n], None
            levels.append(
                (
                    bullets(beh, vocab, f"{name} L{n+1} behaviours"),
                    bullets(tips, vocab, f"{name} L{n+1} tips"),
                )
            )
            beh = nxt
        comps.append({"name": name, "definition": definition, "levels": levels})
    return comps


def parse_profiles(all_lines):
    start = next(i for i, l in enumerate(all_lines) if l.strip() == "Competentieprofielen")
    lines = [l.strip() for l in all_lines[start + 1 :]]
    profiles, cur = [], None
    names = sorted(CLUSTER_OF, key=len, reverse=True)
    pending = ""
    for idx, s in enumerate(lines):
        if idx + 1 < len(lines) and lines[idx + 1].startswith("Competentie") and s:
            cur = {"name": s, "competencies": [], "own_choice": 0}
            profiles.append(cur)
            continue
        if cur is None or s == "" or s.startswith("Competentie"):
            continue
        if s == "Eigen keuze":
            cur["own_choice"] += 1
            continue
        text = (pending + " " + s).strip() if pending else s
        hit = next((n for n in names if text.startswith(n)), None)
        if hit is None:
            if re.match(r"^(Verbinden|Kiezen|Leren)?\s*\d+$", s):
                continue  # cluster/page column of a wrapped name
            pending = text
            continue
        pending = ""
        cur["competencies"].append(hit)
    return profiles


def toml_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main(path):
    text = open(path, encoding="utf-8").read()
    all_lines = text.split("\n")
    vocab = vocabulary(text)
    comps = parse_competencies(all_lines, vocab)
    profiles = parse_profiles(all_lines)
    core = NAMES["kern"]
    out = []
    w = out.append
    w("# Maastricht competentiegids 2014 (seed 004), extracted by tools/extract_maastricht.py")
    w("# and checked by hand. Texts are word for word; only PDF line breaks and broken")
    w("# hyphenation were repaired. Levels are the salary/OIK bands of art. 3 lid 4.")
    w('id = "maastricht-2014"')
    w('name = "Competentiegids gemeente Maastricht 2014"')
    w('name_en = "Maastricht competency guide 2014"')
    w("version = 1")
    # The source as a reader names it (seed 004 in ../shared/seeds).
    w('source = "Regeling gesprekscyclus het goede gesprek, bijlage 2: Competentiegids (gemeente Maastricht, 2014)"')
    w("")
    w("# Seed 004 art. 3 lid 2-3 and the guide's part 2: 3 core + 4 specific + at most 2 own")
    w("# choice, 9 at most; \"Vakspecialist\" has no specific ones and 6 own choice; the")
    w("# management profiles (fixed = true) have 6 fixed and no own choice.")
    w("[profile_rules]")
    w('core_cluster = "kern"')
    w("core = 3")
    w("specific = 4")
    w("own_choice_max = 2")
    w("max_total = 9")
    w("")
    labels = [
        ("1", "Onvoldoende", "Insufficient", "voldoet in het geheel niet aan de gestelde eisen en verwachtingen"),
        ("2", "Enigszins onvoldoende", "Somewhat insufficient", "voldoet niet volledig aan de gestelde eisen en verwachtingen"),
        ("3", "Normaal", "Meets expectations", "voldoet aan de gestelde eisen en verwachtingen"),
        ("4", "Goed", "Good", "stijgt regelmatig uit boven de gestelde eisen en verwachtingen"),
        ("5", "Uitstekend", "Excellent", "stijgt voortdurend uit boven de gestelde eisen en verwachtingen"),
    ]
    for v, l, le, m in labels:
        w("[[rating_labels]]")
        w(f"value = {v}")
        w(f"label = {toml_str(l)}")
        w(f"label_en = {toml_str(le)}")
        w(f"meaning = {toml_str(m)}")
        w(f"meaning_en = {toml_str(MEANING_EN[v])}")
        w("")
    for lid, lname in (("3-7", "Schaal 3–7"), ("8-10", "Schaal 8–10"), ("11-18", "Schaal 11–18")):
        w("[[levels]]")
        w(f'id = "{lid}"')
        w(f"name = {toml_str(lname)}")
        w(f"name_en = {toml_str(lname.replace('Schaal', 'Salary scale'))}")
        w("")
    for cid, cname, cen in (
        ("kern", "Kern", "Core"),
        ("verbinden", "Verbinden", "Connecting"),
        ("kiezen", "Kiezen", "Choosing"),
        ("leren", "Leren", "Learning"),
    ):
        w("[[clusters]]")
        w(f'id = "{cid}"')
        w(f'name = "{cname}"')
        w(f'name_en = "{cen}"')
        w("")
    order = [n for ns in NAMES.values() for n in ns]
    comps.sort(key=lambda c: order.index(c["name"]))
    for c in comps:
        w("[[competencies]]")
        w(f'id = "{slug(c["name"])}"')
        w(f"name = {toml_str(c['name'])}")
        w(f'cluster = "{CLUSTER_OF[c["name"]]}"')
        w(f"definition = {toml_str(c['definition'])}")
        w("")
        for (lid, (beh, tips)) in zip(("3-7", "8-10", "11-18"), c["levels"]):
            w("[[competencies.levels]]")
            w(f'level = "{lid}"')
            w("behaviours = [")
            for b in beh:
                w(f"  {toml_str(b)},")
            w("]")
            w("tips = [")
            for t in tips:
                w(f"  {toml_str(t)},")
            w("]")
            w("")
    for p in profiles:
        specific = [slug(n) for n in p["competencies"] if n not in core]
        cores = [slug(n) for n in p["competencies"] if n in core]
        fixed = p["own_choice"] == 0
        w("[[profiles]]")
        w(f'id = "{slug(p["name"])}"')
        w(f"name = {toml_str(p['name'])}")
        w("core = [" + ", ".join(f'"{x}"' for x in cores) + "]")
        w("specific = [" + ", ".join(f'"{x}"' for x in specific) + "]")
        w(f"own_choice = {p['own_choice']}")
        w(f"fixed = {'true' if fixed else 'false'}")
        w("")
    sys.stdout.write("\n".join(out).rstrip("\n") + "\n")
    for m in WARNINGS:
        print(m, file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1])
