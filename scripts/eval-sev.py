#!/usr/bin/env python3
"""Scores `scope sev-patterns` (offline) against hand labels.

usage: scripts/eval-sev.py LABELS DIR [--show]

LABELS is a TSV (file, kind, second_kind[, severity, duration_minutes, detected_by];
"-" for none) or the TOML of tests/expected/postmortems.toml. Prints accuracy (and
lenient accuracy, which also accepts the labelled second kind), the adjusted Rand index
and normalised mutual information of the classification against `kind`, and — where the
labels give them — how often severity, duration and detection are right.
Uses target/release/scope (build it with `cargo build --release`)."""
import json, math, subprocess, sys, os
from collections import Counter

def labels(path):
    if path.endswith(".toml"):
        import tomllib
        with open(path, "rb") as f:
            t = tomllib.load(f)
        out = {}
        for i in t.get("incident", []):
            out[i["file"]] = {"kind": i["kind"], "second": i.get("second_kind"), "severity": i.get("severity"),
                              "duration": i.get("duration_minutes"), "detected_by": i.get("detected_by"), "has_fields": True}
        return out
    out = {}
    with open(path) as f:
        header = f.readline().rstrip("\n").split("\t")
        for line in f:
            cells = line.rstrip("\n").split("\t")
            row = dict(zip(header, cells))
            d = lambda k: None if row.get(k, "-") in ("-", "") else row[k]
            out[row["file"]] = {"kind": row["kind"], "second": d("second_kind"), "severity": d("severity"),
                                "duration": int(d("duration_minutes")) if d("duration_minutes") else None,
                                "detected_by": d("detected_by"), "has_fields": "severity" in header}
    return out

def comb2(n):
    return n * (n - 1) / 2

def ari(a, b):
    n = len(a)
    cont = Counter(zip(a, b))
    sa, sb = Counter(a), Counter(b)
    idx = sum(comb2(v) for v in cont.values())
    ea, eb = sum(comb2(v) for v in sa.values()), sum(comb2(v) for v in sb.values())
    expected = ea * eb / comb2(n) if n > 1 else 0
    mx = (ea + eb) / 2
    return (idx - expected) / (mx - expected) if mx != expected else 1.0

def nmi(a, b):
    n = len(a)
    cont = Counter(zip(a, b))
    sa, sb = Counter(a), Counter(b)
    mi = sum(v / n * math.log((v / n) / ((sa[x] / n) * (sb[y] / n))) for (x, y), v in cont.items())
    ha = -sum(v / n * math.log(v / n) for v in sa.values())
    hb = -sum(v / n * math.log(v / n) for v in sb.values())
    return mi / math.sqrt(ha * hb) if ha > 0 and hb > 0 else 1.0

def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    show = "--show" in sys.argv
    lab = labels(args[0])
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    exe = os.path.join(root, "target", "release", "scope")
    out = subprocess.run([exe, "sev-patterns", args[1], "--engine", "offline", "--format", "json", "-q"], capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"scope failed ({out.returncode}): {out.stderr}")
    report = json.loads(out.stdout)
    got = {os.path.basename(i["file"]): i for i in report["incidents"]}
    files = sorted(f for f in lab if f in got)
    truth = [lab[f]["kind"] for f in files]
    pred = [got[f]["kind"] for f in files]
    right = sum(t == p for t, p in zip(truth, pred))
    lenient = sum(p in (lab[f]["kind"], lab[f]["second"]) for f, p in zip(files, pred))
    print(f"incidents {len(files)} (missing from the report: {len(lab) - len(files)})")
    print(f"accuracy {right / len(files):.3f} ({right}/{len(files)}), lenient {lenient / len(files):.3f}")
    print(f"ARI {ari(truth, pred):.3f}  NMI {nmi(truth, pred):.3f}")
    for field, key in (("severity", "severity"), ("duration", "duration_minutes"), ("detected_by", "detected_by")):
        rows = [f for f in files if lab[f]["has_fields"]]
        if not rows:
            continue
        ok = sum((lab[f][field] == got[f][key]) for f in rows)
        stated = [f for f in rows if lab[f][field] is not None]
        found = sum(lab[f][field] == got[f][key] for f in stated)
        invented = sum(1 for f in rows if lab[f][field] is None and got[f][key] is not None)
        print(f"{field}: right {ok}/{len(rows)}; stated and found {found}/{len(stated)}; reported though not stated {invented}")
    c = report["citations"]
    print(f"citations verified {c['verified']}/{c['total']}; patterns {len(report['patterns'])}")
    if show:
        for f, t, p in zip(files, truth, pred):
            mark = "ok " if t == p else "BAD"
            print(f"{mark} {f}: truth {t} got {p} (2nd {got[f]['second_kind']}) by {got[f]['classified_by'][:2]}")
        for f in files:
            for field, key in (("severity", "severity"), ("duration", "duration_minutes"), ("detected_by", "detected_by")):
                if lab[f]["has_fields"] and lab[f][field] != got[f][key]:
                    print(f"  field {f} {field}: truth {lab[f][field]} got {got[f][key]}")

main()
