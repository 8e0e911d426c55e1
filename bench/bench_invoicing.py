"""Monthly invoicing at network scale with every document stored at issue, quote latency.

Run:
  .venv/bin/python bench/bench_invoicing.py                       # temporary SQLite file
  .venv/bin/python bench/bench_invoicing.py --pg postgres://postgres@127.0.0.1:54343
  .venv/bin/python bench/bench_invoicing.py --quotes-only     # same data, only steps 3-4 (~1 min)
  .venv/bin/python bench/bench_invoicing.py --no-quotes --members 1000 --employers 50   # run only
  .venv/bin/python bench/bench_invoicing.py --pg postgres://... --no-quotes --workers 2  # per issuer

Builds a throwaway database (a temporary SQLite file, or the PostgreSQL database
``coopconnect_bench_billing`` dropped and re-created), migrates it and generates: ``--places`` places
(half invoiced by their own carrier, half by the network), each priced like Murat or Reichstett;
``--members`` members with ``--days`` day bookings each in November 2026, ``--employers`` employers
paying for some of their employees' days and plans, 30 % of members on a monthly plan, 20 % with prints.

1. ``run_invoicing(month=2026-11)``: wall time, with each invoice's documents (PDF/A-3 with Factur-X,
   CII and UBL XML, SHA-256) stored at issue; what was stored; the idempotent re-run; with
   ``--memory``, again on emptied invoices under tracemalloc; max RSS of the process. With
   ``--workers N``, issuers are issued in N processes at once (on SQLite they queue on the one
   write lock, so this is for PostgreSQL). Exits non-zero
   when the run issues nothing or the re-run issues anything.
2. Building one invoice's documents again (median of 5).
3. ``quote_for`` of a 5-day week at one place: p50/p95 over 200 quotes.
4. ``marginal_quote_for`` of the same week (the booking page's and POST /api/v1/quotes' default):
   p50/p95 over 200 quotes, (a) rotating over 50 members who already have ``--days`` day bookings in
   November, none in that week, no plan; (b) one such member holding a monthly plan at their home place.
   SQL queries per quote are counted apart (mean over the members).

``--quotes-only`` builds the same data but skips steps 1 and 2; ``--no-quotes`` skips 3 and 4.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, max(0, round(p / 100 * len(values)) - 1))]


def setup_django(tmp: str, pg: str) -> None:
    os.environ["COOP_VAR_DIR"] = tmp
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    # Benchmarks run with DEBUG off, like production; the settings then want a key.
    os.environ.setdefault("SECRET_KEY", "benchmark-only-key-never-used-in-production")
    if pg:
        import psycopg

        with psycopg.connect(f"{pg}/postgres", autocommit=True) as conn:
            conn.execute("DROP DATABASE IF EXISTS coopconnect_bench_billing WITH (FORCE)")
            conn.execute("CREATE DATABASE coopconnect_bench_billing")
        os.environ["DATABASE_URL"] = f"{pg}/coopconnect_bench_billing"
    else:
        os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def build(args: argparse.Namespace) -> dict:
    from django.contrib.auth.hashers import make_password

    from coopconnect.accounts.models import Organisation, OrganisationMembership, User
    from coopconnect.billing import seed
    from coopconnect.billing.models import Issuer, Subscription, Tariff, UsageRecord
    from coopconnect.bookings.models import Booking
    from coopconnect.places.models import Network, Place, Resource, ResourceKind

    rnd = random.Random(42)
    paris = dt.timezone(dt.timedelta(hours=1))
    net = Network.objects.create(name="Réseau bench", slug="reseau-bench")
    Issuer.objects.create(
        network=net,
        name="Réseau bench (association)",
        siren="552100554",
        vat_exempt=True,
        address="1 place",
        postcode="84000",
        city="Avignon",
        iban="FR7630006000011234567890189",
    )
    places, seats = [], []
    for i in range(args.places):
        p = Place.objects.create(name=f"Lieu {i}", slug=f"lieu-{i}", latitude=44.0, longitude=5.0)
        p.networks.add(net)
        (seed.configure_murat if i % 2 else seed.configure_reichstett)(p)
        if i % 2 == 0:
            Issuer.objects.create(
                place=p,
                name=f"Porteur du lieu {i}",
                siren="732829320",
                vat_number="FR44732829320",
                address="2 rue",
                postcode="84000",
                city="Avignon",
                iban="FR7630006000011234567890189",
            )
        places.append(p)
        seats.append(
            Resource.objects.create(
                place=p, kind=ResourceKind.SEAT, name="Coworking", capacity=args.members + 1
            )
        )
    pwd = make_password(None)
    User.objects.bulk_create(
        [User(email=f"m{i}@bench.example", password=pwd, first_name=f"M{i}") for i in range(args.members)],
        batch_size=2000,
    )
    users = list(User.objects.filter(email__endswith="@bench.example").order_by("pk"))
    orgs = Organisation.objects.bulk_create(
        [Organisation(name=f"Employeur {i}", siren="552100554") for i in range(args.employers)]
    )
    employer_of: dict[int, Organisation] = {}
    memberships = []
    for idx, u in enumerate(users[: args.employers * 10]):
        org = orgs[idx % len(orgs)]
        employer_of[u.pk] = org
        memberships.append(OrganisationMembership(organisation=org, user=u))
    OrganisationMembership.objects.bulk_create(memberships, batch_size=5000)
    weekdays = [d for d in range(2, 28) if dt.date(2026, 11, d).weekday() < 5]
    bookings, subs, usage = [], [], []
    plans = {
        p.pk: Tariff.objects.filter(place=p, kind="subscription").order_by("price").first() for p in places
    }
    home_of: dict[int, int] = {}
    for idx, u in enumerate(users):
        home = rnd.randrange(len(places))
        home_of[u.pk] = home
        org = employer_of.get(u.pk)
        for k, day in enumerate(sorted(rnd.sample(weekdays, args.days))):
            at = rnd.choice([home, home, rnd.randrange(len(places))])
            bookings.append(
                Booking(
                    resource=seats[at],
                    person=u,
                    start=dt.datetime(2026, 11, day, 9, tzinfo=paris),
                    end=dt.datetime(2026, 11, day, 17, tzinfo=paris),
                    seat_number=idx + 1,
                    employer=org if org and k % 2 else None,
                    short_code=f"B{idx:06d}{k:02d}",
                    status="confirmed",
                )
            )
        if idx % 10 < 3:
            subs.append(
                Subscription(
                    tariff=plans[places[home].pk],
                    person=u,
                    start=dt.date(2026, 10, 1),
                    commitment_months=12,
                    employer=org,
                )
            )
        if idx % 5 == 0:
            usage.append(
                UsageRecord(
                    place=places[home],
                    person=u,
                    employer=org,
                    service_code="print",
                    quantity=Decimal(rnd.randint(5, 80)),
                    at=dt.datetime(2026, 11, 10, 10, tzinfo=paris),
                )
            )
    Booking.objects.bulk_create(bookings, batch_size=5000)
    Subscription.objects.bulk_create(subs, batch_size=5000)
    UsageRecord.objects.bulk_create(usage, batch_size=5000)
    # Members for the marginal quote: bookings in November but none in the quoted week (2-6 Nov at
    # seats[1], place 1), so the slots are new days; without a plan (idx % 10 >= 3) or with a monthly
    # plan (idx % 10 < 3) at place 1 itself, so that the plan prices the quoted days.
    busy = {b.person_id for b in bookings if b.start.day in range(2, 7)}
    free = [(idx, u) for idx, u in enumerate(users) if u.pk not in busy]
    return {
        "bookings": len(bookings),
        "subscriptions": len(subs),
        "usage": len(usage),
        "seat": seats[1],
        "member": users[-1],
        "marginal_members": [u for idx, u in free if idx % 10 >= 3][-50:],
        "plan_member": next((u for idx, u in reversed(free) if idx % 10 < 3 and home_of[u.pk] == 1), None),
    }


def latency(fn, n: int = 200) -> list[float]:
    out = []
    for i in range(n):
        t0 = time.perf_counter()
        fn(i)
        out.append(time.perf_counter() - t0)
    return out


def queries(fn, n: int = 1) -> float:
    """Mean number of SQL queries of ``fn(0)`` ... ``fn(n - 1)``."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        for i in range(n):
            fn(i)
    return len(ctx.captured_queries) / n


def show(label: str, lat: list[float], n_queries: float) -> None:
    print(
        f"{label}: p50 {pct(lat, 50) * 1000:.1f} ms, p95 {pct(lat, 95) * 1000:.1f} ms "
        f"({len(lat)} quotes, {n_queries:.0f} SQL queries per quote on average)"
    )


def stored_documents() -> str:
    """Describe the documents stored at issue (PDF/A-3 + CII + UBL, with their SHA-256), if any."""
    from django.db.models import Count, Sum
    from django.db.models.functions import Length

    from coopconnect.billing.models import InvoiceDocument

    agg = InvoiceDocument.objects.aggregate(n=Count("pk"), pdf=Sum(Length("pdf")), hashed=Count("pdf_sha256"))
    if not agg["n"]:
        return "no document stored at issue"
    return (
        f"{agg['n']} documents stored at issue (PDF/A-3 + Factur-X CII + UBL, SHA-256 each), "
        f"{(agg['pdf'] or 0) / 2**20:.0f} MiB of PDF, {(agg['pdf'] or 0) / agg['n'] / 1024:.0f} KiB per PDF"
    )


def _issue_for(job: tuple[dt.date, int]) -> tuple[int, int, float]:
    """In a worker process: the month's run for one issuer (what a task started per issuer does)."""
    import time_machine

    from coopconnect.billing.models import Issuer
    from coopconnect.billing.services.invoicing.run import run_invoicing

    month, issuer_id = job
    with time_machine.travel("2026-12-01 06:00 +0100", tick=True):
        t0 = time.perf_counter()
        report = run_invoicing(month=month, issuer=Issuer.objects.get(pk=issuer_id))
        return issuer_id, len(report.created), time.perf_counter() - t0


def run_in_workers(month: dt.date, workers: int) -> int:
    """Issue the month per issuer in ``workers`` processes, the largest issuers first."""
    import multiprocessing

    from django.db import connections

    from coopconnect.billing.services.invoicing.run import plan_month

    sizes = {i: len(p) for i, p in plan_month(month=month).per_issuer.items()}
    print(f"issuers: {len(sizes)}, invoices each: {sorted(sizes.values(), reverse=True)}")
    connections.close_all()  # each forked worker opens its own connection
    jobs = [(month, i) for i in sorted(sizes, key=sizes.get, reverse=True)]
    created = 0
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        for issuer_id, n, seconds in pool.imap_unordered(_issue_for, jobs):
            print(f"  issuer {issuer_id}: {n} invoices in {seconds:.1f} s")
            created += n
    return created


def invoicing_and_pdf(month: dt.date, *, memory: bool, workers: int = 1) -> None:
    import time_machine

    from coopconnect.billing.einvoicing.parties import buyer_of, seller_of
    from coopconnect.billing.models import Invoice, InvoiceCounter, SettlementStatement
    from coopconnect.billing.pdf import _RENDERED as pdf_memo
    from coopconnect.billing.services.invoicing.documents import build_document
    from coopconnect.billing.services.invoicing.run import run_invoicing

    with time_machine.travel("2026-12-01 06:00 +0100", tick=True):
        print(f"load average before the run: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        t0 = time.perf_counter()
        if workers > 1:
            created = run_in_workers(month, workers)
        else:
            created = len(run_invoicing(month=month).created)
        wall = time.perf_counter() - t0
        print(
            f"run_invoicing ({workers} worker{'s' if workers > 1 else ''}): {created} invoices in "
            f"{wall:.1f} s ({wall / max(1, created) * 1000:.1f} ms per invoice); {stored_documents()}"
        )
        print(f"load average after the run: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        if not created:
            sys.exit("FAILED: the run issued nothing (issuers refused? no billable data?)")
        t0 = time.perf_counter()
        again = run_invoicing(month=month)
        print(
            f"re-run (idempotent): {len(again.created)} created, {again.skipped_existing} skipped in "
            f"{time.perf_counter() - t0:.1f} s"
        )
        if again.created:
            sys.exit("FAILED: the re-run issued invoices again")
        if memory:
            from coopconnect.billing.models import InvoiceDocument

            SettlementStatement.objects.all().delete()
            InvoiceDocument.objects.all().delete()
            Invoice.objects.all().delete()  # bench only: bypasses the model guard with a queryset delete
            InvoiceCounter.objects.all().delete()
            tracemalloc.start()
            run_invoicing(month=month)
            _cur, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            print(f"peak Python allocations during the run (tracemalloc): {peak / 2**20:.0f} MiB")
        print(f"max RSS of the process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")
        inv = Invoice.objects.filter(buyer_organisation__isnull=False).order_by("-total_ttc").first()
        seller, buyer, lines = seller_of(inv.issuer), buyer_of(inv), list(inv.lines.order_by("position"))
        times = []
        for _ in range(5):
            pdf_memo.clear()  # the same page would come from the memo: measure a real render
            t0 = time.perf_counter()
            doc = build_document(inv, seller, buyer, lines)
            times.append(time.perf_counter() - t0)
        print(
            f"one invoice's documents built again (PDF/A-3 + CII + UBL; {len(lines)} lines, "
            f"{len(doc.pdf) // 1024} KiB PDF): median {statistics.median(times) * 1000:.0f} ms"
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pg", default="", help="PostgreSQL URL without database (default: SQLite file)")
    parser.add_argument("--members", type=int, default=10_000)
    parser.add_argument("--employers", type=int, default=500)
    parser.add_argument("--places", type=int, default=20)
    parser.add_argument("--days", type=int, default=4)
    parser.add_argument(
        "--quotes-only", action="store_true", help="build the data, skip the invoicing run and the PDF"
    )
    parser.add_argument("--memory", action="store_true", help="run the month again under tracemalloc")
    parser.add_argument("--no-quotes", action="store_true", help="skip the quote latencies")
    parser.add_argument(
        "--workers", type=int, default=1, help="issue per issuer in this many processes (PostgreSQL)"
    )
    args = parser.parse_args()
    print(f"load average at start: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f}")
    with tempfile.TemporaryDirectory() as tmp:
        setup_django(tmp, args.pg)
        import time_machine

        from coopconnect.billing.services.quotes import Slot, marginal_quote_for, quote_for

        t0 = time.perf_counter()
        data = build(args)
        print(
            f"data: {args.members} members, {args.employers} employers, {args.places} places, "
            f"{data['bookings']} bookings, {data['subscriptions']} plans, {data['usage']} usage records "
            f"({time.perf_counter() - t0:.1f} s)"
        )
        month = dt.date(2026, 11, 1)
        if not args.quotes_only:
            invoicing_and_pdf(month, memory=args.memory, workers=args.workers)
        if args.no_quotes:
            print(f"load average at end: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f}")
            return
        with time_machine.travel("2026-10-01 08:00 +0200", tick=True):
            seat, member = data["seat"], data["member"]
            paris = dt.timezone(dt.timedelta(hours=1))
            slots = [
                Slot(
                    seat,
                    dt.datetime(2026, 11, d, 9, tzinfo=paris),
                    dt.datetime(2026, 11, d, 17, tzinfo=paris),
                )
                for d in range(2, 7)
            ]

            def plain(_i: int) -> None:
                quote_for(person=member, bookings_or_slots=slots)

            show("quote_for (5 days, one place, slots only)", latency(plain), queries(plain))
            rota = data["marginal_members"]

            def marginal(i: int) -> None:
                q = marginal_quote_for(person=rota[i % len(rota)], bookings_or_slots=slots)
                assert q.marginal and q.existing_ht is not None and q.existing_ht > 0

            show(
                f"marginal_quote_for (same days; {len(rota)} members with {args.days} days booked, no plan)",
                latency(marginal),
                queries(marginal, len(rota)),
            )
            if data["plan_member"] is not None:
                planned = data["plan_member"]

                def with_plan(_i: int) -> None:
                    marginal_quote_for(person=planned, bookings_or_slots=slots)

                show(
                    f"marginal_quote_for (same days; one member, {args.days} days booked, monthly plan)",
                    latency(with_plan),
                    queries(with_plan),
                )
    print(f"load average at end: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f}")


if __name__ == "__main__":
    main()
