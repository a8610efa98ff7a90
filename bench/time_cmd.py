#!/usr/bin/env python3
"""Times a command precisely: best of N runs, wall clock in milliseconds, and optionally the
time until its first K lines of output arrive (then the command is stopped, as `| head` would).
Also reports the peak RSS of the children (resource.getrusage), in MB.

usage: time_cmd.py LABEL [--first K] [--runs N] -- CMD ARGS...
"""
import resource
import subprocess
import sys
import time


def main():
    label, args = sys.argv[1], sys.argv[2:]
    first, runs = None, 5
    while args and args[0].startswith("--") and args[0] != "--":
        if args[0] == "--first":
            first, args = int(args[1]), args[2:]
        elif args[0] == "--runs":
            runs, args = int(args[1]), args[2:]
        else:
            sys.exit(f"unknown option {args[0]}")
    if args and args[0] == "--":
        args = args[1:]
    best, lines = float("inf"), 0
    for _ in range(runs):
        start = time.perf_counter()
        p = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        n = 0
        for _line in p.stdout:
            n += 1
            if first is not None and n >= first:
                break
        elapsed = time.perf_counter() - start
        p.stdout.close()
        p.kill() if first is not None else None
        p.wait()
        best, lines = min(best, elapsed), n
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    what = f"first {first} lines" if first is not None else f"{lines} lines"
    print(f"  {label:<48} {best * 1000:8.1f} ms  {what:>16}  {rss:6.0f} MB peak RSS")


if __name__ == "__main__":
    main()
