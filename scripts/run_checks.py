#!/usr/bin/env python3
"""Runs the suite's check scripts two at a time (this machine has two cores; Chromium waits
on pages, the WebP and contrast checks on the encoder), longest first, and prints each one's
output whole when it ends, with its time. Exit 1 if any check fails.

Usage: run_checks.py 'COMMAND' 'COMMAND' ...   (each a shell command, in the order given as
the longest first)
"""
import concurrent.futures
import os
import subprocess
import sys
import time


def run(command):
    start = time.time()
    done = subprocess.run(command, shell=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    return command, done.returncode, done.stdout, time.time() - start


failed = []
workers = max(2, os.cpu_count() or 2)
with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
    for command, code, output, seconds in pool.map(run, sys.argv[1:]):
        print(f"=== {command}  ({seconds:.0f} s, exit {code})", flush=True)
        print(output, end="" if output.endswith("\n") else "\n", flush=True)
        if code != 0:
            failed.append(command)
for command in failed:
    print(f"FAILED: {command}")
sys.exit(1 if failed else 0)
