"""Writes of the bookings app, one module per concept.

- ``create``: a booking (and a walk-in); ``series``: recurring and multi-day bookings;
- ``change``: move or resize; ``cancel``: cancel; ``approval``: hosts approve or reject requests;
- ``waitlist``: join, holds offered when a seat frees up; ``checkin``: arrivals and no-shows;
- ``access``: door codes; ``feeds``: secret calendar URLs; ``reminders``: the day-before reminders;
- ``locking``, ``rules``: what every write that takes capacity shares; the seats it counts under
  the lock are those of ``coopconnect.bookings.capacity``, the count the availability pages read;
- ``fair_use``: what one person may hold (one workstation at a time across the network, open
  bookings per place, dates per series), checked under the person's row lock.

A booking (``create.book``) reads what it needs once: ``create.booking_target`` loads the resource
with its place, commune and policy; ``snapshot.read_snapshot`` reads the seats and what fair use
counts in one query, before the transaction (a full slot is refused without a lock) and again under
the locks (``locking.lock_resource_and_person``: one statement on PostgreSQL); the mail task row is
written in the booking's transaction (``core.queue.with_transaction``).

Concurrency: every write that takes capacity locks the Resource row first (``locking.lock_resource``),
so two requests for the same resource run one after the other and the second sees the first's
booking; it then locks the person's row (``locking.lock_person``), so two requests of one person at
two places do too. On PostgreSQL an exclusion constraint (migration 0003) makes the database refuse two active
bookings of the same seat over overlapping times even if some code skipped the lock; on SQLite the
IMMEDIATE transaction mode serialises writers (select_for_update is a no-op there).
"""
