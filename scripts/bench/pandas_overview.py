"""The bench's pandas yardstick: the "Retention overview" figures from one orders file,
the way an analyst's notebook would compute them (read_csv + groupby), so that
`npm run bench` can put Recur's drop → all charts beside it.

    /usr/bin/python3 scripts/bench/pandas_overview.py FILE

FILE is an orders CSV (optionally gzipped) with the generated data's columns
(order_id, customer_id, ordered_at, revenue, status, …) or UCI Online Retail
invoice lines (InvoiceNo, CustomerID, InvoiceDate, Quantity, UnitPrice), which
become orders as Recur's tests make them: invoice → order, revenue = Σ quantity ×
unit price, an invoice number starting with C cancelled.

Prints one JSON object: a few figures to check against Recur's recipes, sizes
of every table computed, and the process's peak resident set (VmHWM).
Definitions follow src/lib/recipes/sql: customer orders are completed orders
with a customer id, up to the latest order date.
"""

import json
import resource
import sys

import numpy as np
import pandas as pd

ACTIVE_WINDOW_DAYS = 365


def read_orders(path):
    head = pd.read_csv(path, nrows=0).columns
    if "InvoiceNo" in head:
        lines = pd.read_csv(path, dtype={"InvoiceNo": str, "CustomerID": str, "StockCode": str}, parse_dates=["InvoiceDate"])
        lines["revenue"] = lines["Quantity"] * lines["UnitPrice"]
        orders = (
            lines.groupby(["InvoiceNo", "CustomerID"], dropna=False, sort=False)
            .agg(ordered_at=("InvoiceDate", "min"), revenue=("revenue", "sum"))
            .reset_index()
            .rename(columns={"InvoiceNo": "order_id", "CustomerID": "customer_id"})
        )
        orders["status"] = orders["order_id"].str.startswith("C").map({True: "cancelled", False: "completed"})
        return orders
    return pd.read_csv(path, dtype={"order_id": str, "customer_id": str, "status": str}, parse_dates=["ordered_at"])


def overview(orders):
    as_of = orders["ordered_at"].max().normalize()
    mine = orders[(orders["status"] == "completed") & orders["customer_id"].notna() & (orders["ordered_at"].dt.normalize() <= as_of)].copy()

    # Repeat purchase rate.
    per_customer = mine.groupby("customer_id").agg(orders=("order_id", "size"), revenue=("revenue", "sum"), first=("ordered_at", "min"), last=("ordered_at", "max"))
    customers = len(per_customer)
    repeat_customers = int((per_customer["orders"] >= 2).sum())

    # Monthly cohort table: share of each first-order month's customers ordering in each later month.
    mine["month"] = mine["ordered_at"].dt.to_period("M")
    per_customer["cohort"] = per_customer["first"].dt.to_period("M")
    mine = mine.join(per_customer["cohort"], on="customer_id")
    sizes = per_customer.groupby("cohort").size()
    active = mine.groupby(["cohort", "month"])["customer_id"].nunique().unstack(fill_value=0)
    retention = active.div(sizes, axis=0)
    month_index = mine["month"].dt.year * 12 + mine["month"].dt.month
    cohort_index = mine["cohort"].dt.year * 12 + mine["cohort"].dt.month
    mine["offset"] = month_index - cohort_index

    # LTV by cohort: revenue per cohort customer so far.
    ltv = mine.groupby("cohort")["revenue"].sum().div(sizes)

    # RFM quintiles: 1 + the number of 20/40/60/80 % thresholds a value is above (recency: below).
    recency = (as_of - per_customer["last"].dt.normalize()).dt.days
    def score(values, higher_is_better=True):
        cuts = values.quantile([0.2, 0.4, 0.6, 0.8]).to_numpy()
        above = sum((values > c).astype(int) if higher_is_better else (values < c).astype(int) for c in cuts)
        return 1 + above
    rfm = pd.DataFrame({"r": score(recency, higher_is_better=False), "f": score(per_customer["orders"]), "m": score(per_customer["revenue"])})
    rfm_cells = rfm.groupby(["r", "f", "m"]).size()

    # CRR by month: (E − N) / S, active on a day = an order in the 365 days up to it.
    # Every customer new in a month is active at its end (the window is longer than a
    # month), so E − N counts E and N apart. Distinct customers in a window of days:
    # the orders sorted by day, a slice of their customer codes, a bincount.
    codes, uniques = pd.factorize(mine["customer_id"])
    order = np.argsort(mine["ordered_at"].dt.normalize().to_numpy(), kind="stable")
    sorted_days = mine["ordered_at"].dt.normalize().to_numpy()[order]
    sorted_codes = codes[order]
    first_days = per_customer["first"].dt.normalize().to_numpy()
    window = np.timedelta64(ACTIVE_WINDOW_DAYS, "D")
    def active_on(day):
        day = np.datetime64(day, "ns")
        lo, hi = np.searchsorted(sorted_days, [day - window, day], side="right")
        return int(np.count_nonzero(np.bincount(sorted_codes[lo:hi], minlength=len(uniques))))
    crr = {}
    for month in pd.period_range(mine["month"].min(), as_of.to_period("M"), freq="M"):
        start, end = month.start_time, min(month.end_time.normalize(), as_of)
        s = active_on(start - pd.Timedelta(days=1))
        e = active_on(end)
        n = int(np.count_nonzero((first_days >= np.datetime64(start, "ns")) & (first_days <= np.datetime64(end, "ns"))))
        crr[str(month)] = None if not s else 100.0 * (e - n) / s

    return {
        "as_of": str(as_of.date()),
        "customers": customers,
        "repeat_customers": repeat_customers,
        "repeat_rate": 100.0 * repeat_customers / customers if customers else None,
        "cohorts": {str(c): int(n) for c, n in sizes.items()},
        "first_cohort_month1_active": int(active.iloc[0, 1]) if active.shape[1] > 1 else 0,
        "cohort_cells": int((retention > 0).to_numpy().sum()),
        "ltv_by_cohort": {str(c): float(v) for c, v in ltv.items()},
        "rfm_cells": int(len(rfm_cells)),
        "crr_by_month": crr,
    }


def peak_rss_bytes():
    """VmHWM: this process's own peak. ru_maxrss would carry over the parent's
    (Node's) peak across the fork and exec that started Python."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: pandas_overview.py ORDERS_FILE")
    figures = overview(read_orders(sys.argv[1]))
    figures["peak_rss_bytes"] = peak_rss_bytes()
    figures["pandas"] = pd.__version__
    json.dump(figures, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
