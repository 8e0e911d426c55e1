"""The pricing engine: pure functions from rates, holdings and uses to explained lines.

No database here. Callers (quotes, the invoicing run) turn tariffs, subscriptions, free periods,
bookings and usage records into the dataclasses of ``rates``, ``holdings`` and ``uses``, then call
:func:`coopconnect.billing.pricing.engine.price_month` for each calendar month. Rules, where the
study is silent:

* A day's use of a resource lasting at most ``HALF_DAY_MAX`` (5 h) is a half-day when the place has
  a half-day rate; otherwise a day. Several bookings the same day at the same place add up.
* Among the rates a person is entitled to (audience: everyone, members/subscribers, companies), the
  cheapest combination wins: day/half-day rates, a week pass per ISO week, a month pass, or one
  monthly bundle of N days (a half-day uses one bundle day). Weeks and bundles count inside the month:
  invoices are monthly and final once issued (corrections only by credit notes), so a week straddling
  two months is priced on each month's invoice with that month's days only; quotes say so.
* Hour-block and session rates (a video room) are charged per started block, per booking.
* Every line is rounded once, half up, to the cent; VAT is computed once per rate on the sum of lines.
* A monthly cap adds one negative line bringing the place's month down to the cap.

Line labels are stored on invoices as they are written here: always in French, whatever the
language of the request that priced them.
"""
