"""Writes a synthetic CRM export of N rows shaped like the Maven sample (for the import benchmark).

    python3 Benchmarks/make_import_csv.py 1000000 /tmp/import-1m.csv
"""
import csv
import random
import sys

n, path = int(sys.argv[1]), sys.argv[2]
random.seed(7)
products = ["GTX Basic", "GTXPro", "MG Special", "MG Advanced", "GTX Plus Pro", "GTX Plus Basic", "GTK 500"]
with open(path, "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["opportunity_id", "sales_agent", "product", "account", "deal_stage", "engage_date", "close_date", "close_value"])
    for i in range(n):
        stage = random.choices(["Won", "Lost", "Engaging", "Prospecting"], [48, 28, 18, 6])[0]
        month, day = random.randint(1, 11), random.randint(1, 28)
        engage = f"2017-{month:02d}-{day:02d}" if stage != "Prospecting" else ""
        close = f"2017-{min(12, month + 1):02d}-{day:02d}" if stage in ("Won", "Lost") else ""
        value = str(random.randint(40, 30000)) if stage == "Won" else ("0" if stage == "Lost" else "")
        account = f"Account {random.randint(1, 400)}" if stage in ("Won", "Lost") or random.random() < 0.3 else ""
        w.writerow([f"OP{i:08d}", f"Agent {random.randint(1, 60)}", random.choice(products), account, stage, engage, close, value])
