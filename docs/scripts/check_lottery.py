#!/usr/bin/env python3
"""Recompute a Machi lottery from its published data (docs/modules/reservation.md, "How to check a lottery").

usage: check_lottery.py LIST.csv RESULTS.csv SEED LIST_SHA256 SEED_SHA256

Prints whether the list and the seed match the commitment published before the draw, and whether the draw
recomputed from them equals the published results. Exit status 0 only when all three hold. Python 3.8+, no
packages needed.
"""
import hashlib
import hmac
import sys


def draw(list_bytes, seed):
    lines = list_bytes.decode("utf-8").split("\n")
    assert lines[0] == "reference,application,rank,room,date,slot", "unexpected header"
    apps = {}  # reference -> {application number -> {rank -> (room, date, slot)}}
    highest = 0
    for line in lines[1:]:
        if not line:
            continue
        ref, app, rank, room, date, slot = line.split(",")
        apps.setdefault(ref, {}).setdefault(int(app), {})[int(rank)] = (room, date, slot)
        highest = max(highest, int(rank))
    key = seed.encode("ascii")
    order = sorted(apps, key=lambda ref: (hmac.new(key, ref.encode("ascii"), hashlib.sha256).hexdigest(), ref))
    taken, won = set(), {}
    for rank in range(1, highest + 1):
        for ref in order:
            for app in sorted(apps[ref]):
                choice = apps[ref][app].get(rank)
                if (ref, app) in won or choice is None or choice in taken:
                    continue
                taken.add(choice)
                won[(ref, app)] = (str(rank),) + choice
    out = ["reference,application,rank,room,date,slot"]
    for ref in sorted(apps):
        for app in sorted(apps[ref]):
            out.append(",".join((ref, str(app)) + won.get((ref, app), ("", "", "", ""))))
    return ("\n".join(out) + "\n").encode("utf-8")


def main(argv):
    list_path, results_path, seed, list_sha, seed_sha = argv[1:6]
    list_bytes = open(list_path, "rb").read()
    results = open(results_path, "rb").read().replace(b"\r\n", b"\n")
    checks = {
        "list matches its SHA-256": hashlib.sha256(list_bytes).hexdigest() == list_sha,
        "seed matches its SHA-256": hashlib.sha256(seed.encode("ascii")).hexdigest() == seed_sha,
        "recomputed results equal the published results": draw(list_bytes, seed) == results,
    }
    for name, ok in checks.items():
        print(("OK   " if ok else "FAIL ") + name)
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
