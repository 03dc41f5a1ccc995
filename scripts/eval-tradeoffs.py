#!/usr/bin/env python3
"""Scores `scope tradeoffs` (offline) against hand labels.

usage: scripts/eval-tradeoffs.py LABELS.toml ROOT [--show]

LABELS lists [[design]] entries (file relative to ROOT, team_dependencies, approvals,
not_dependencies, not_approvals, unstated, reversibility) and [[competition]] entries
(set, resource, files). Every set (folder) under ROOT is run as one comparison. Prints
recall of team dependencies and approvals, what was invented (a team or approval the
design says it does not need, listed as needed), dimensions right (stated vs not stated),
reversibility, and competitions found. Uses target/release/scope."""
import json, os, subprocess, sys, tomllib
from collections import defaultdict

def norm(s):
    return " ".join(s.lower().lstrip("@").replace("(", " ").replace(")", " ").replace(" team", " ").split())

def match(label, names):
    # The same name, or one written as the other's parenthetical ("Database Reliability (DBRE)").
    l = norm(label)
    return any(l == norm(n) or f"({label.lower()})" in n.lower() or f"({n.lower()})" in label.lower() for n in names)

def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    show = "--show" in sys.argv
    with open(args[0], "rb") as f:
        lab = tomllib.load(f)
    root = args[1]
    exe = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "target", "release", "scope")
    sets = defaultdict(list)
    for d in lab["design"]:
        sets[d["file"].split("/")[0]].append(d)
    tot = defaultdict(int)
    for name, designs in sorted(sets.items()):
        files = [os.path.join(root, d["file"]) for d in designs]
        out = subprocess.run([exe, "tradeoffs", *files, "--engine", "offline", "--format", "json", "-q"], capture_output=True, text=True)
        if out.returncode != 0:
            sys.exit(f"scope failed on {name}: {out.stderr}")
        rep = json.loads(out.stdout)
        by = {d["file"]: d for d in rep["designs"]}
        for d in designs:
            got = by[os.path.join(root, d["file"])]
            teams = [t["name"] for t in got["team_dependencies"]]
            apps = [a["name"] for a in got["approvals"]]
            for kind, want, have in (("teams", d.get("team_dependencies", []), teams), ("approvals", d.get("approvals", []), apps)):
                for w in want:
                    tot[kind + "_total"] += 1
                    ok = match(w, have)
                    tot[kind + "_found"] += ok
                    if show and not ok:
                        print(f"  MISSED {kind} {d['file']}: {w} (have {have})")
            for kind, wrong, have in (("teams", d.get("not_dependencies", []), teams), ("approvals", d.get("not_approvals", []), apps)):
                for w in wrong:
                    tot[kind + "_neg_total"] += 1
                    bad = match(w, have)
                    tot[kind + "_invented"] += bad
                    if show and bad:
                        print(f"  INVENTED {kind} {d['file']}: {w} listed though the design says it is not needed")
            for dim in ("cost", "latency", "complexity", "migration", "operations", "reversibility"):
                stated = bool(got["dimensions"][dim]["evidence"])
                want = dim not in d.get("unstated", [])
                tot["dims_total"] += 1
                tot["dims_right"] += stated == want
                if not want:
                    tot["unstated_total"] += 1
                    tot["unstated_invented"] += stated
                if show and stated != want:
                    print(f"  DIM {d['file']} {dim}: labelled {'stated' if want else 'unstated'}, got {got['dimensions'][dim]['assessment'][:90]}")
            rev = got["dimensions"]["reversibility"]["assessment"]
            got_rev = "two-way" if rev.startswith("two-way") else "one-way" if rev.startswith("one-way") else "unstated" if rev == "not stated" else "stated"
            tot["rev_total"] += 1
            tot["rev_right"] += got_rev == d.get("reversibility", "unstated")
        for c in [c for c in lab.get("competition", []) if c["set"] == name]:
            tot["comp_total"] += 1
            found = any(match(c["resource"], [x["resource"]]) and all(any(f.endswith(g) for f in x["designs"]) for g in c["files"]) for x in rep["competition"])
            tot["comp_found"] += found
            if show and not found:
                print(f"  MISSED competition {name}: {c['resource']} {c['files']}")
    r = lambda a, b: f"{tot[a]}/{tot[b]}" + (f" ({tot[a] / tot[b]:.0%})" if tot[b] else "")
    print(f"team dependencies found {r('teams_found', 'teams_total')}; invented {r('teams_invented', 'teams_neg_total')} of the teams said not needed")
    print(f"approvals found {r('approvals_found', 'approvals_total')}; invented {r('approvals_invented', 'approvals_neg_total')} of the approvals said not needed")
    print(f"dimensions right {r('dims_right', 'dims_total')}; unstated reported as stated {r('unstated_invented', 'unstated_total')}; reversibility right {r('rev_right', 'rev_total')}")
    print(f"competitions found {r('comp_found', 'comp_total')}")

main()
