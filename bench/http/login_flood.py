#!/usr/bin/env python3
"""Login flood for bench/http/run.sh flood: N failed logins (wrong password) from A distinct client
addresses, named in X-Forwarded-For (the server trusts 127.0.0.1 as its proxy), paced evenly over
SECONDS by W concurrent keep-alive connections. Half the addresses are IPv4, half IPv6 in distinct
/64s, so the server sees A clients. Prints one line: counts by status (429 split into busy, a full hash queue, and throttled) and the
wall time.

    login_flood.py PORT EMAIL [--logins 1000] [--addresses 200] [--seconds 8] [--workers 32]
"""
import argparse
import collections
import http.client
import json
import threading
import time


def addresses(n):
    v4 = [f"198.51.{100 + i // 250}.{1 + i % 250}" for i in range((n + 1) // 2)]
    v6 = [f"2001:db8:{i // 65536:x}:{i % 65536:x}::1" for i in range(n // 2)]
    return v4 + v6


def main():
    p = argparse.ArgumentParser()
    p.add_argument("port", type=int)
    p.add_argument("email")
    p.add_argument("--logins", type=int, default=1000)
    p.add_argument("--addresses", type=int, default=200)
    p.add_argument("--seconds", type=float, default=8.0)
    p.add_argument("--workers", type=int, default=32)
    a = p.parse_args()

    clients = addresses(a.addresses)
    body = json.dumps({"email": a.email, "password": "not-the-password-flood"})
    counts = collections.Counter()
    lock = threading.Lock()
    next_index = [0]
    start = time.monotonic()
    interval = a.seconds / a.logins if a.seconds > 0 else 0.0

    def take():
        with lock:
            i = next_index[0]
            if i >= a.logins:
                return None
            next_index[0] += 1
            return i

    def worker():
        conn = None
        while (i := take()) is not None:
            # Paced: attempt i starts no earlier than start + i * interval.
            delay = start + i * interval - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            headers = {"Content-Type": "application/json", "X-Forwarded-For": clients[i % len(clients)]}
            try:
                if conn is None:
                    conn = http.client.HTTPConnection("127.0.0.1", a.port, timeout=30)
                conn.request("POST", "/api/v1/auth/login", body, headers)
                r = conn.getresponse()
                text = r.read()
                status = r.status
                if status == 429:
                    status = "429busy" if b"busy" in text else "429throttled"  # full hash queue or throttle
                if r.getheader("Connection", "").lower() == "close":
                    conn.close()
                    conn = None
            except OSError:
                status = "error"
                conn = None
            with lock:
                counts[status] += 1

    threads = [threading.Thread(target=worker) for _ in range(a.workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.monotonic() - start
    parts = " ".join(f"s{k}={v}" for k, v in sorted(counts.items(), key=lambda kv: str(kv[0])))
    print(f"flood logins={a.logins} addresses={len(clients)} wall={wall:.2f}s {parts}")


if __name__ == "__main__":
    main()
