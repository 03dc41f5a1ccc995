#!/usr/bin/env python3
"""Scores `scope summarize --format json` against a labels file (TOML) of planted items.

usage: scripts/eval-summarize.py LABELS.toml DIR [--scope PATH] [-v]

A planted conflict counts as found when one reported conflict cites at least two of its
sides (one for a silent drop) within two lines; a dependency when a reported dependency
cites its line; a priority when a top-N priority cites its line; a noise line is a false
priority when any priority cites it. Line numbers are 1-based as in the labels.
"""
import json, subprocess, sys, tomllib, os, glob

def near(ev, file, line, slack=2):
    return os.path.basename(ev["file"]) == file and abs(ev["line"] - line) <= slack

def main():
    args = [a for a in sys.argv[1:] if not a.startswith("-")]
    verbose = "-v" in sys.argv
    scope = os.environ.get("SCOPE_BIN", "target/release/scope")
    labels = tomllib.load(open(args[0], "rb"))
    folder = args[1]
    files = sorted(glob.glob(os.path.join(folder, "*.md")) + glob.glob(os.path.join(folder, "*.txt")) + glob.glob(os.path.join(folder, "*.rst")))
    out = subprocess.run([scope, "summarize", "--format", "json", "-q", "--engine", "offline", *files], capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"scope failed: {out.stderr}")
    r = json.loads(out.stdout)
    found_c = 0
    for c in labels.get("conflict", []):
        need = 1 if c["kind"] == "silent-drop" else 2
        hit = any(sum(any(near(e, s["file"], s["line"]) for e in rc["evidence"]) for s in c["sides"]) >= min(need, len(c["sides"])) for rc in r["conflicts"])
        found_c += hit
        if verbose and not hit:
            print("  missed conflict:", c["kind"], c.get("topic"))
    found_d = 0
    for d in labels.get("dependency", []):
        hit = any(any(near(e, d["file"], d["line"], 1) for e in rd["evidence"]) for rd in r["dependencies"])
        found_d += hit
        if verbose and not hit:
            print("  missed dependency:", d["dependent"], "->", d["depends_on"], d.get("deliverable"))
    prios = labels.get("priority", [])
    top = r["priorities"][: max(5, len(prios) + 2)]
    found_p = sum(any(any(near(e, p["file"], p["line"], 1) for e in rp["evidence"]) for rp in top) for p in prios)
    noise = labels.get("noise", [])
    false_p = sum(any(any(near(e, n["file"], n["line"], 0) for e in rp["evidence"]) for rp in r["priorities"]) for n in noise)
    nc, nd = len(labels.get("conflict", [])), len(labels.get("dependency", []))
    print(f"{folder}: conflicts {found_c}/{nc}, dependencies {found_d}/{nd}, priorities {found_p}/{len(prios)} in top {len(top)}, "
          f"noise as priority {false_p}/{len(noise)}, reported conflicts {len(r['conflicts'])}, dependencies {len(r['dependencies'])}, "
          f"citations {r['citations']['verified']}/{r['citations']['total']}")

main()
