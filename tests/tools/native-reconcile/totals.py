#!/usr/bin/env python3
"""Independent per (currency, service, day) totals of a native billing export, with Python's decimal.

Usage: totals.py FORMAT FILE  (FORMAT: aws-cur, azure-actual, azure-amortized, gcp-billing)
Prints a JSON object {"<currency>|<service>|<YYYY-MM-DD>": ["<billed>", "<effective>"], ...}, the
amounts normalized (no exponent, no trailing zeros). The rules are docs/FORMATS.md's, written again
here from the document, not from the C++ readers, so the unit tests can compare the two.
"""
import csv
import datetime
import decimal
import json
import re
import sys

decimal.getcontext().prec = 80
D = decimal.Decimal


def cell(text):
    """A decimal cell as the store keeps it: 18 fractional digits, half to even."""
    return D(text).quantize(D("1e-18"), rounding=decimal.ROUND_HALF_EVEN)


def norm(d):
    s = format(d.normalize(), "f") if d != 0 else "0"
    return s


def aws_key(name):
    # lineItem/UnblendedCost -> line_item_unblended_cost; snake case unchanged
    out, start = [], True
    for ch in name:
        if ch == "/":
            out.append("_")
            start = True
            continue
        if ch.isupper() and not start:
            out.append("_")
        out.append(ch.lower())
        start = False
    return "".join(out)


def day_of(text):
    text = text.strip()
    m = re.match(r"^(\d{1,2})/(\d{1,2})/(\d{4})", text)
    if m:
        return "%s-%02d-%02d" % (m.group(3), int(m.group(1)), int(m.group(2)))
    return text[:10]


def aws_rows(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        for row in csv.DictReader(f):
            r = {aws_key(k): v for k, v in row.items()}
            t = r.get("line_item_line_item_type", "")
            cost = cell(r.get("line_item_net_unblended_cost") or r.get("line_item_unblended_cost") or "0")
            g = lambda k: cell(r.get(k) or "0")
            if t == "SavingsPlanCoveredUsage":
                eff = g("savings_plan_savings_plan_effective_cost")
            elif t == "DiscountedUsage":
                eff = g("reservation_effective_cost")
            elif t in ("SavingsPlanNegation", "SavingsPlanUpfrontFee"):
                eff = D(0)
            elif t == "Fee" and r.get("reservation_reservation_a_r_n"):
                eff = D(0)
            elif t == "RIFee":
                eff = g("reservation_unused_amortized_upfront_fee_for_billing_period") + g("reservation_unused_recurring_fee")
            elif t == "SavingsPlanRecurringFee":
                eff = g("savings_plan_total_commitment_to_date") - g("savings_plan_used_commitment")
            else:
                eff = cost
            service = r.get("product_product_name") or r.get("line_item_product_code", "")
            start = r.get("line_item_usage_start_date") or r.get("identity_time_interval", "").split("/")[0]
            yield r["line_item_currency_code"], service, day_of(start), cost, eff


def azure_rows(path, amortized):
    with open(path, newline="", encoding="utf-8-sig") as f:
        for row in csv.DictReader(f):
            r = {re.sub(r"[^a-z0-9]", "", k.lower()): v for k, v in row.items()}
            cost = cell(r.get("costinbillingcurrency") or r.get("cost") or "0")
            ct, model = r.get("chargetype", ""), r.get("pricingmodel", "")
            commitment = model in ("Reservation", "SavingsPlan")
            billed, eff = cost, cost
            if amortized:
                if (ct in ("Usage", "") and commitment) or ct in ("UnusedReservation", "UnusedSavingsPlan"):
                    billed = D(0)
                if ct in ("Purchase", "Refund") and commitment:
                    eff = D(0)
            currency = r.get("billingcurrencycode") or r.get("billingcurrency")
            yield currency, r.get("metercategory", ""), day_of(r["date"]), billed, eff


def shortest(text):
    return cell(repr(float(text)))


def gcp_rows(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        for row in csv.DictReader(f):
            r = {k.lower().replace(".", "_"): v for k, v in row.items()}
            cost = shortest(r["cost"]) if r.get("cost") else D(0)
            credits = D(0)
            if r.get("credits") and r["credits"] != "[]":
                for c in json.loads(r["credits"], parse_float=str, parse_int=str):
                    credits += shortest(c["amount"])
            start = r["usage_start_time"].replace(" UTC", "")
            # Days are UTC days of the usage start.
            ts = datetime.datetime.fromisoformat(start.replace("Z", "+00:00"))
            if ts.tzinfo is not None:
                ts = ts.astimezone(datetime.timezone.utc)
            billed = cost + credits
            yield r["currency"], r.get("service_description", ""), ts.date().isoformat(), billed, billed


def main():
    fmt, path = sys.argv[1], sys.argv[2]
    if fmt == "aws-cur":
        rows = aws_rows(path)
    elif fmt in ("azure-actual", "azure-amortized"):
        rows = azure_rows(path, fmt == "azure-amortized")
    elif fmt == "gcp-billing":
        rows = gcp_rows(path)
    else:
        sys.exit("unknown format " + fmt)
    totals = {}
    for currency, service, day, billed, eff in rows:
        k = "%s|%s|%s" % (currency, service, day)
        b, e = totals.get(k, (D(0), D(0)))
        totals[k] = (b + billed, e + eff)
    json.dump({k: [norm(b), norm(e)] for k, (b, e) in sorted(totals.items())}, sys.stdout, indent=0)


if __name__ == "__main__":
    main()
