"""Writes the CRM export fixtures of issue 11 (deterministic; rerun after changing it).

    python3 Tests/ImporterTests/Fixtures/crm/make_fixtures.py

- hubspot-custom-pipeline.csv: a consultancy's own HubSpot pipeline, "selected columns" view:
  BOM + CRLF, dates `2023-04-03 14:05`, 54 of 87 amounts empty, closed deals without a close
  date and closing before they were created.
- hubspot-all-properties.csv: the same 87 deals as an "all properties" export: repeated headers
  (HubSpot's two `Date entered` properties per stage), `100000.0` amounts, probabilities, flags.
- salesforce-dutch-report.csv: a Dutch-locale opportunity report: `;`, every field quoted,
  `13884,00`, dates `17-7-2018`, amounts in EUR and GBP with `Amount (converted)`.
- salesforce-api-opportunities.csv: an object export with API field names (StageName, IsWon,
  IsClosed, CloseDate, CreatedDate, Probability, ForecastCategoryName, Type = New Business…).
"""
import csv
import datetime as dt
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
D = dt.date


def hubspot():
    random.seed(11)
    labels = (["Opportunity identified"] * 14 + ["Awaiting procurement"] * 9 + ["On hold / future opportunity"] * 8
              + ["Closed: won"] * 28 + ["Closed: lost"] * 17 + ["Closed: abandoned"] * 11)
    first = ["Opportunity identified", "Closed: won", "Awaiting procurement", "Closed: lost", "On hold / future opportunity", "Closed: abandoned"]
    rest = labels[:]
    for l in first:
        rest.remove(l)
    random.shuffle(rest)
    labels = first + rest
    filled = set(random.sample(range(87), 33))
    owners = ["Anne de Vries", "Bram Jansen", "Chloé Martin", "Dev Patel"]
    companies = ["Noordwind BV", "Helios Energy", "Atlas Logistics", "Brightpath", "Kestrel Health", "Orbit Retail", "Vela Foods", "Mosaic Labs", ""]
    prob = {"Opportunity identified": "0.1", "Awaiting procurement": "0.6", "On hold / future opportunity": "0.05",
            "Closed: won": "1.0", "Closed: lost": "0.0", "Closed: abandoned": "0.0"}
    stages = ["Opportunity identified", "Awaiting procurement", "On hold / future opportunity", "Closed: won", "Closed: lost", "Closed: abandoned"]
    deals = []
    no_close = {3, 40, 61}          # closed deals whose close date is empty
    before = {1, 12, 25, 33, 50, 70}  # closed deals whose close date is before their create date
    for i, label in enumerate(labels):
        created = dt.datetime(2023, 1, 2, 9, 0) + dt.timedelta(days=random.randint(0, 320), minutes=random.randint(0, 540))
        closed = label.startswith("Closed")
        close = None
        if closed:
            if i in before:
                close = created.date() - dt.timedelta(days=random.randint(3, 30))
            elif i not in no_close:
                close = min(created.date() + dt.timedelta(days=random.randint(8, 110)), D(2023, 12, 14))
        elif random.random() < 0.8:
            close = created.date() + dt.timedelta(days=random.randint(20, 150))
        amount = random.randint(8, 240) * 500 if i in filled else None
        deals.append(dict(id=str(9_100_000 + i * 37), name=f"Engagement {i + 1:02d}", label=label, amount=amount,
                          created=created, close=close, owner=owners[i % 4], company=random.choice(companies),
                          type="New Business" if random.random() < 0.7 else "Existing Business", i=i))

    def hs_dt(x):
        return x.strftime("%Y-%m-%d %H:%M")

    def write(path, header, rows):
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write("\ufeff")
            w = csv.writer(f, lineterminator="\r\n")
            w.writerow(header)
            w.writerows(rows)

    write(os.path.join(HERE, "hubspot-custom-pipeline.csv"),
          ["Record ID", "Deal Name", "Deal Stage", "Amount", "Create Date", "Close Date", "Deal owner", "Associated Company (Primary)", "Deal Type", "Pipeline"],
          [[d["id"], d["name"], d["label"], "" if d["amount"] is None else str(d["amount"]), hs_dt(d["created"]),
            "" if d["close"] is None else d["close"].strftime("%Y-%m-%d") + " 17:00", d["owner"], d["company"], d["type"], "Consulting Pipeline"] for d in deals])

    header = ["Record ID", "Deal Name", "Deal Stage", "Pipeline", "Amount", "Amount in company currency", "Currency", "Deal probability",
              "Forecast probability", "Create Date", "Close Date", "Last Activity Date", "Deal owner", "Associated Company (Primary)", "Deal Type",
              "Is Closed Won", "Is Deal Closed?", "Closed Lost Reason", "Deal Description", "Number of Sales Activities"]
    for s in stages:
        header += [f'Date entered "{s} (Consulting Pipeline)"', f'Date exited "{s} (Consulting Pipeline)"']
    for s in stages:  # HubSpot's second set of stage properties carries the same labels
        header += [f'Date entered "{s} (Consulting Pipeline)"']
    header += ["Date entered current stage", "Days to close"]
    rows = []
    for d in deals:
        label, created = d["label"], d["created"]
        money = "" if d["amount"] is None else f"{d['amount']}.0"
        entered = {"Opportunity identified": created}
        if label == "Awaiting procurement" or (label.startswith("Closed") and d["i"] % 2 == 0):
            entered["Awaiting procurement"] = created + dt.timedelta(days=5)
        if label == "On hold / future opportunity":
            entered[label] = created + dt.timedelta(days=9)
        if label.startswith("Closed"):
            # The day the deal was moved to its closed stage: its close date, or its creation
            # when the close date was set before it (a deal recorded after the fact).
            day = d["close"] if d["close"] and d["close"] > created.date() + dt.timedelta(days=5) else created.date() + dt.timedelta(days=6)
            if d["i"] in no_close:
                day = created.date() + dt.timedelta(days=30)
            entered[label] = dt.datetime.combine(day, dt.time(16, 30))
        row = [d["id"], d["name"], label, "Consulting Pipeline", money, money, "EUR", prob[label], prob[label], hs_dt(created),
               "" if d["close"] is None else d["close"].strftime("%Y-%m-%d") + " 17:00", hs_dt(created + dt.timedelta(days=2)),
               d["owner"], d["company"], d["type"], "true" if label == "Closed: won" else "false",
               "true" if label.startswith("Closed") else "false", "Budget" if label == "Closed: lost" else "",
               f'Scope "{d["name"]}", phase 1', str(d["i"] % 7)]
        for s in stages:
            # The first set is empty for half the deals (older property): the second is filled.
            v = hs_dt(entered[s]) if s in entered and d["i"] % 2 == 0 else ""
            row += [v, ""]
        for s in stages:
            row += [hs_dt(entered[s]) if s in entered else ""]
        row += [hs_dt(entered[label]) if label in entered else "", ""]
        rows.append(row)
    write(os.path.join(HERE, "hubspot-all-properties.csv"), header, rows)


def dutch():
    random.seed(12)
    stages = [("Prospecting", 10), ("Qualification", 10), ("Needs Analysis", 20), ("Value Proposition", 50), ("Id. Decision Makers", 60),
              ("Perception Analysis", 70), ("Proposal/Price Quote", 75), ("Negotiation/Review", 90), ("Closed Won", 100), ("Closed Lost", 0)]
    weights = [3, 3, 3, 3, 2, 2, 3, 3, 10, 8]
    rows = []
    for i in range(40):
        stage, p = random.choices(stages, weights)[0]
        cur = "GBP" if i % 10 in (2, 5, 8) else "EUR"
        created = D(2018, 1, 3) + dt.timedelta(days=random.randint(0, 200))
        close = created + dt.timedelta(days=random.randint(15, 120))
        amount = None if (i in (7, 19) and not stage.startswith("Closed")) else random.randint(20_000, 1_600_000) / 100
        if i == 0:
            amount = 13884.00
        conv = None if amount is None else round(amount * (1.17 if cur == "GBP" else 1.0), 2)

        def nl(x):
            return "" if x is None else f"{x:.2f}".replace(".", ",")

        typ = random.choice(["New Business", "New Business", "Existing Business", "Renewal"])
        rows.append([f"Deal {i + 1:02d}", random.choice(["Vos & Zn", "Dijkstra Bouw", "Thames Ltd", "Kelder Groep", "Pier 7"]),
                     random.choice(["Sanne Bakker", "Tom Hughes", "Lotte Visser"]), typ, stage, cur, nl(amount), "EUR", nl(conv), str(p),
                     f"{created.day}-{created.month}-{created.year}", f"{close.day}-{close.month}-{close.year}",
                     random.choice(["Web", "Partner", "Event"]), f"0061r00000{i:05d}AAA"])
    with open(os.path.join(HERE, "salesforce-dutch-report.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        w.writerow(["Opportunity Name", "Account Name", "Opportunity Owner", "Type", "Stage", "Amount Currency", "Amount",
                    "Amount (converted) Currency", "Amount (converted)", "Probability (%)", "Created Date", "Close Date", "Lead Source", "Opportunity ID"])
        w.writerows(rows)
        f.write('\r\n"Grand Totals (40 records)"\r\n\r\n"Confidential Information - Do Not Distribute"\r\n'
                '"Copyright (c) 2000-2018 salesforce.com, inc. All rights reserved."\r\n')


def api():
    random.seed(13)
    stages = [("Discovery", 10, "Pipeline"), ("Demo", 25, "Pipeline"), ("Proposal", 50, "Best Case"), ("Negotiation", 75, "Commit"),
              ("Closed Won", 100, "Closed"), ("Closed Lost", 0, "Omitted"), ("Closed - No Decision", 0, "Omitted")]
    weights = [6, 5, 4, 3, 12, 8, 3]
    types = ["New Business"] * 12 + ["Existing Business"] * 5 + ["Renewal"] * 2 + ["Partner Referral"]
    rows = []
    for i in range(300):
        stage, p, fc = random.choices(stages, weights)[0]
        closed = stage.startswith("Closed")
        created = dt.datetime(2023, 1, 2, 8, 0, 0) + dt.timedelta(days=random.randint(0, 350), seconds=random.randint(0, 36_000))
        if closed and i % 37 == 5:
            close = created.date() - dt.timedelta(days=random.randint(2, 20))   # closed before it was created
        else:
            close = min(created.date() + dt.timedelta(days=random.randint(10, 140)), D(2023, 12, 31)) if closed else \
                created.date() + dt.timedelta(days=random.randint(20, 200))
        amount = "" if i % 23 == 4 else f"{random.randint(4, 400) * 250}.0"
        rows.append([f"0065g00000{i:05d}XYZ", f"Opportunity {i + 1}", f"0015g00000{i % 40:05d}ABC", f"0055g00000{i % 6:05d}QRS", stage, amount,
                     f"{p}.0", close.isoformat(), created.strftime("%Y-%m-%dT%H:%M:%S.000Z"), types[i % len(types)],
                     "true" if stage == "Closed Won" else "false", "true" if closed else "false", fc,
                     random.choice(["Web", "Partner Referral", "Trade Show"]), ""])
    with open(os.path.join(HERE, "salesforce-api-opportunities.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["Id", "Name", "AccountId", "OwnerId", "StageName", "Amount", "Probability", "CloseDate", "CreatedDate", "Type",
                    "IsWon", "IsClosed", "ForecastCategoryName", "LeadSource", "NextStep"])
        w.writerows(rows)


hubspot()
dutch()
api()
