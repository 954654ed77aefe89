"""Deterministic, vectorised generator of the eight raw tables of the raw contract (docs/raw_contract.md).

    python3 -m cx_tools generate                        # bundled seeds (CSV)
    python3 -m cx_tools generate --customers 1000000 \
        --format parquet --out /tmp/raw_1m              # benchmark data

Customers are simulated in fixed blocks of BLOCK_CUSTOMERS with numpy: every
per-customer process (orders, tickets and their event histories, survey
invitations and responses) is a handful of array operations over the whole
block, with no Python loop per row. Text columns are assembled as Arrow
string arrays straight from numpy byte records. Each block is written as soon
as it is ready (one Parquet row group per block and table, or appended CSV
lines) while the next one is simulated, so memory stays bounded by the few
blocks in flight, and the work spreads over two cores (numpy and Arrow
release the GIL).

The same seed and arguments always give byte-identical files, whatever the
number of cores or threads: a block draws from its own random streams
(`numpy.random.SeedSequence(seed, spawn_key=(0, block, k))`, i.e. children of
the seed's spawn tree), its ids continue the counters of the blocks before it,
and blocks are written in order. Numpy, pyarrow (and so the bytes) are pinned
in requirements.txt, which is why `python3 -m cx_tools generate` runs in the
project's virtualenv.

The data has the texture of real CX data (skewed NPS, seasonal tickets,
out-of-hours and weekend tickets, pending/on-hold periods (some ended by an
agent's `open` without a customer message), reopens, customers
who go quiet and come back, e-mails that differ by case or spaces across
systems, responses without invitations, every survey scale of the raw contract,
comments with PII, timestamps with and without UTC offsets) and about 1% bad
rows that cover every rejection reason of the raw contract (some with two
faults, which pin the reasons' precedence), made with each
block and scattered through its rows as in a real export (not appended at the
end: DuckDB's CSV sniffer then sees the quoted values in its first rows).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass, fields
from functools import cache
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

COLUMNS = {
    "raw_customers": ["customer_id", "email", "signup_at", "segment", "country"],
    "raw_orders": ["order_id", "customer_id", "ordered_at", "amount", "status"],
    "raw_survey_questions": [
        "question_id", "metric", "question_text", "scale_min", "scale_max",
        "higher_is_better",
    ],
    "raw_survey_invitations": [
        "invitation_id", "customer_id", "question_id", "touchpoint", "channel",
        "sent_at", "ticket_id", "order_id",
    ],
    "raw_survey_responses": [
        "response_id", "invitation_id", "question_id", "customer_id",
        "customer_email", "touchpoint", "channel", "responded_at", "score",
        "comment",
    ],
    "raw_tickets": [
        "ticket_id", "customer_id", "requester_email", "channel", "priority",
        "created_at", "subject",
    ],
    "raw_ticket_events": [
        "event_id", "ticket_id", "event_at", "actor_type", "event_type",
        "agent_id", "handle_seconds",
    ],
    "raw_holidays": ["holiday_date", "name"],
    # optional tables: business schedules and the tickets on them
    "raw_schedules": ["schedule_id", "name", "time_zone", "iso_weekday", "start_time",
                      "end_time"],
    "raw_schedule_holidays": ["schedule_id", "start_date", "end_date"],
    "raw_ticket_schedules": ["ticket_id", "schedule_id", "valid_from"],
}
SCHEMAS = {t: pa.schema([(c, pa.string()) for c in cols]) for t, cols in COLUMNS.items()}
# the tables that grow with the customers, simulated block by block
BLOCK_TABLES = ["raw_customers", "raw_orders", "raw_survey_invitations",
                "raw_survey_responses", "raw_tickets", "raw_ticket_events"]

BLOCK_CUSTOMERS = 50_000   # fixed: the output never depends on the machine
FORMAT_THREADS = 2
BLOCKS_IN_FLIGHT = 2       # simulated blocks not yet written: bounds memory

# Times are float seconds after START (UTC), the window is START .. END.
MINUTE, HOUR, DAY = 60.0, 3_600.0, 86_400.0
START = np.datetime64("2024-11-01T00:00:00", "s")
END = float((np.datetime64("2026-10-31T23:59:59", "s") - START).astype(np.int64))
START_DAY = int(START.astype("datetime64[D]").astype(np.int64))
START_EPOCH = int(START.astype(np.int64))

FIRST = ("ana", "ben", "chloe", "david", "emma", "felix", "grace", "hugo",
         "ines", "jonas", "kira", "liam", "maya", "noah", "olga", "paul",
         "quinn", "rosa", "sam", "tara", "umar", "vera", "will", "yara", "zoe")
LAST = ("smith", "muller", "garcia", "rossi", "dubois", "novak", "silva",
        "jensen", "kowalski", "nguyen", "okafor", "tanaka", "larsen", "costa")
DOMAINS = ("example.com", "mail.example.org", "corp.example.net")
COUNTRIES = ("DE", "FR", "GB", "US", "NL", "ES", "IT", "SE", "PL", "BR")
SEGMENTS, SEGMENT_WEIGHTS = ("consumer", "smb", "enterprise"), [70, 22, 8]
STATUSES, STATUS_WEIGHTS = ("completed", "cancelled", "refunded"), [88, 7, 5]
COMPLETED, REFUNDED = 0, 2

# (touchpoint, metric, scale_min, scale_max, higher_is_better, text)
QUESTIONS = [
    ("onboarding", "nps", 0, 10, True, "How likely are you to recommend us to a friend?"),
    ("onboarding", "csat", 1, 5, True, "How satisfied are you with signing up?"),
    ("onboarding", "ces", 1, 7, True, "Signing up was easy."),
    ("checkout", "nps", 0, 10, True, "How likely are you to recommend our shop?"),
    ("checkout", "csat", 1, 7, True, "How satisfied are you with checkout?"),
    ("checkout", "ces", 1, 7, True, "Paying for your order was easy."),
    ("delivery", "nps", 0, 10, True, "After this delivery, would you recommend us?"),
    ("delivery", "csat", 1, 5, True, "How satisfied are you with the delivery?"),
    ("delivery", "csat", 0, 1, True, "Did your order arrive as expected?"),
    ("support", "nps", 0, 10, True, "After talking to support, would you recommend us?"),
    ("support", "csat", 0, 1, True, "Did we solve your problem?"),
    ("support", "csat", 1, 5, True, "How satisfied are you with our support?"),
    ("support", "ces", 1, 5, False, "How much effort did it take to get help?"),
    ("support", "ces", 1, 7, True, "The company made it easy to handle my issue."),
    ("returns", "csat", 1, 5, True, "How satisfied are you with the return?"),
    ("returns", "ces", 1, 5, False, "How much effort was the return?"),
    ("website", "nps", 0, 10, True, "How likely are you to recommend our website?"),
    ("website", "csat", 0, 1, True, "Did you find what you were looking for?"),
]
# the catalogue again in German (Q019..Q036): one survey runs in several languages
CATALOGUE = QUESTIONS + [(tp, m, lo, hi, hib, f"[de] {text}")
                         for tp, m, lo, hi, hib, text in QUESTIONS]
Q_LO = np.array([q[2] for q in CATALOGUE])
Q_HI = np.array([q[3] for q in CATALOGUE])
Q_HIB = np.array([q[4] for q in CATALOGUE])
METRICS = ("nps", "csat", "ces")
METRIC_WEIGHTS = [45, 35, 20]
NPS, CSAT = 0, 1
TOUCHPOINTS = ("onboarding", "checkout", "delivery", "support", "returns", "website")
ONBOARDING, CHECKOUT, DELIVERY, SUPPORT, RETURNS, WEBSITE = range(6)
# per-touchpoint mood shifts the score distribution (returns is the weak spot)
MOOD = np.array([0.3, 0.4, 0.2, -0.1, -1.2, 0.0])
SURVEY_CHANNELS = ("email", "in_app", "sms", "web")
EMAIL, IN_APP, SMS, WEB = range(4)

COMMENTS_GOOD = [
    "Great service, fast delivery.", "Support was friendly and quick.",
    "Easy checkout, will buy again.", "Love the product quality.",
    "Everything arrived on time, thanks!",
]
COMMENTS_BAD = [
    "Delivery was late and the box was damaged.", "Refund took far too long.",
    "Nobody answered my emails for a week.", "The price went up again, too expensive.",
    "Checkout kept failing with my card.", "Support closed my ticket without solving it.",
    "Website is slow and confusing.",
]
COMMENTS_PII = [
    "Please call me back on +44 20 7946 0958 about the refund.",
    "Write to {email} - still waiting for my refund.",
    "My number is (555) 123-4567, nobody called me back.",
    "Contact me at {email} or 0049 30 1234567 please.",
]
COMMENTS = COMMENTS_GOOD + COMMENTS_BAD + COMMENTS_PII
COMMENT_BEFORE = tuple(c.split("{email}")[0] for c in COMMENTS)  # before the e-mail, if any
COMMENT_AFTER = tuple(c.split("{email}")[1] if "{email}" in c else "" for c in COMMENTS)
COMMENT_HAS_EMAIL = np.array(["{email}" in c for c in COMMENTS])
QUESTION_IDS = tuple(f"Q{i:03d}" for i in range(1, len(CATALOGUE) + 1))
AGENT_IDS = tuple(f"A{i:02d}" for i in range(26))  # A01..A25 (A00 is never used)
SMALL_INTS = tuple(str(i) for i in range(1201))    # scores and handle seconds
SUBJECTS = ("Where is my order?", "Refund request", "Cannot log in",
            "Wrong item delivered", "Invoice question", "Change delivery address",
            "Product defect", "Cancel subscription")
TICKET_CHANNELS, TICKET_CHANNEL_WEIGHTS = ("email", "chat", "phone", "web", "social"), \
    [40, 25, 15, 15, 5]
PRIORITIES, PRIORITY_WEIGHTS = ("low", "normal", "high", "urgent"), [25, 50, 18, 7]
# first-response delay scale in minutes by priority
RESPONSE_MINUTES = np.array([600.0, 240.0, 90.0, 30.0])
# ticket volume multiplier by month: a peak around the end-of-year holidays
SEASONAL = np.array([1.0, 1.3, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.5, 1.8])
ACTORS = ("customer", "agent", "system")
CUSTOMER, AGENT, SYSTEM = range(3)
EVENT_TYPES = ("message", "pending", "on_hold", "solved", "reopened", "open")
MESSAGE, PENDING, ON_HOLD, SOLVED, REOPENED, OPEN = range(6)
HOLIDAYS = [
    ("01-01", "New Year's Day"), ("05-01", "Labour Day"), ("12-25", "Christmas Day"),
    ("12-26", "Boxing Day"), ("10-03", "Unity Day"), ("11-01", "All Saints' Day"),
    ("08-15", "Assumption Day"), ("12-31", "New Year's Eve"),
]
EASTER_BASED = {2024: ("03-29", "04-01"), 2025: ("04-18", "04-21"),
                2026: ("04-03", "04-06"), 2027: ("03-26", "03-29")}
BAD_TS = ["yesterday", "2025-13-01T10:00:00Z", "2025-02-30 10:00:00", "", "31/12/2025 10:00",
          # well-formed but implausible (outside 1990-2100) or with an impossible offset
          "0000-01-01", "9999-12-31T23:59:59Z", "2025-06-01T10:00:00+25:00",
          "2025-06-01T10:00:00+05:99"]
FIRST_TICKET = "T00000001"  # the ticket the bad events refer to


# --- random helpers ----------------------------------------------------------

def stream(seed: int, *key: int) -> np.random.Generator:
    """An independent random stream: a child of the seed's SeedSequence spawn tree."""
    return np.random.default_rng(np.random.SeedSequence(seed, spawn_key=key))


def choice(rng: np.random.Generator, weights, n: int) -> np.ndarray:
    """n indices drawn with the given relative weights."""
    cdf = np.cumsum(weights, dtype=float)
    return np.minimum(np.searchsorted(cdf / cdf[-1], rng.random(n), side="right"),
                      len(cdf) - 1)


def poisson_points(rng, start, end, rate):
    """Per segment i: a point at start[i] (when start[i] < end[i]), then a Poisson
    process of rate[i] per second on (start[i], end[i]). Returns (segment, time),
    ordered by segment and then time."""
    length = np.where(start < end, end - start, 0.0)
    counts = np.where(start < end, 1 + rng.poisson(rate * length), 0)
    segment = np.repeat(np.arange(len(start)), counts)
    u = rng.random(len(segment))
    u[np.cumsum(counts)[counts > 0] - counts[counts > 0]] = 0.0  # the first point
    key = 2.0 * segment + u   # sorting the keys sorts u within each segment
    key.sort()
    return segment, start[segment] + (key - 2.0 * segment) * length[segment]


def month_of(t: np.ndarray) -> np.ndarray:
    """Calendar month (1-12) of times in seconds after START."""
    months = (np.floor(t).astype(np.int64) + START_EPOCH).astype("datetime64[s]")
    return months.astype("datetime64[M]").astype(np.int64) % 12 + 1


# --- simulation: numbers only, one function per process ----------------------

@dataclass
class People:
    first: int            # global index of the block's first customer
    signup: np.ndarray
    name: tuple           # (first name, last name, domain) codes
    segment: np.ndarray
    country: np.ndarray
    no_email: np.ndarray  # the CRM row has no e-mail
    dup: np.ndarray       # registered again in another system
    dup_signup: np.ndarray
    mood: np.ndarray
    emails: pa.Array      # the person's e-mail (also used in comments and tickets)

    @property
    def n(self) -> int:
        return len(self.signup)


def simulate_people(rng, first: int, n: int) -> People:
    signup = rng.random(n) ** 0.8 * END * 0.97  # growth: later months sign up more
    name = (rng.integers(0, len(FIRST), n), rng.integers(0, len(LAST), n),
            rng.integers(0, len(DOMAINS), n))
    segment = choice(rng, SEGMENT_WEIGHTS, n)
    country = rng.integers(0, len(COUNTRIES), n)
    no_email = rng.random(n) < 0.02
    dup = rng.random(n) < 0.03
    k = int(dup.sum())
    kind = rng.integers(0, 4, k)  # later (twice as likely), earlier, or the same instant
    offset_days = np.select([kind < 2, kind == 2],
                            [rng.uniform(5, 200, k), -rng.uniform(1, 30, k)], 0.0)
    dup_signup = np.minimum(END, signup[dup] + offset_days * DAY)
    mood = rng.normal(0, 0.6, n)
    number = pc.cast(pa.array(np.arange(first + 1, first + n + 1)), pa.string())
    emails = pc.binary_join_element_wise(
        vocab(FIRST).take(name[0]), ".", vocab(LAST).take(name[1]), number, "@",
        vocab(DOMAINS).take(name[2]), "")
    return People(first, signup, name, segment, country, no_email, dup, dup_signup, mood,
                  emails)


@dataclass
class Orders:
    person: np.ndarray
    by_dup: np.ndarray    # placed under the person's other customer id
    t: np.ndarray
    status: np.ndarray
    cents: np.ndarray


def simulate_orders(rng, people: People) -> tuple[Orders, np.ndarray]:
    """Orders as a Poisson process per customer that goes quiet and sometimes
    comes back after 100-300 days. Returns the orders and, per person, when
    the customer went quiet for good (tickets stop some months later)."""
    n = people.n
    rate = rng.lognormal(np.log(0.04), 0.8, n) / DAY
    # unhappy customers go quiet sooner: mood (which also skews their survey
    # scores) scales the time to the quiet period, so the sample data links
    # experiences with churn as the outcome marts look for (no extra draws)
    quiet = people.signup + rng.exponential(240 * DAY, n) * np.exp(0.8 * people.mood)
    comes_back = rng.random(n) < 0.3
    back = quiet + rng.uniform(100, 300, n) * DAY
    first = people.signup + rng.exponential(5 * DAY, n)
    # the first order that would fall into the quiet period (memoryless)
    crossing = np.where(first < quiet, quiet + rng.exponential(1.0, n) / rate, first)
    returns = comes_back & (crossing < END)
    quiet_again = back + rng.exponential(200 * DAY, n)
    start = np.column_stack([first, back]).ravel()
    end = np.column_stack([np.minimum(quiet, END),
                           np.where(returns, np.minimum(quiet_again, END), -np.inf)]).ravel()
    segment, t = poisson_points(rng, start, end, np.repeat(rate, 2))
    person = segment // 2
    m = len(t)
    orders = Orders(
        person=person,
        by_dup=people.dup[person] & (rng.random(m) < 0.5),
        t=t,
        status=choice(rng, STATUS_WEIGHTS, m),
        cents=np.round(rng.lognormal(np.log(60), 0.7, m) * 100).astype(np.int64),
    )
    return orders, np.where(returns, quiet_again, quiet)


@dataclass
class Tickets:
    person: np.ndarray
    t: np.ndarray
    priority: np.ndarray
    channel: np.ndarray
    has_customer: np.ndarray
    by_dup: np.ndarray
    requester: np.ndarray  # 0 none, 1 an e-mail variant, 2 a guest address
    subject: np.ndarray
    surveyed: np.ndarray


def simulate_tickets(rng, people: People, quiet: np.ndarray) -> Tickets:
    """Seasonal tickets at any hour (55% moved into business hours), weekends included."""
    n = people.n
    start = people.signup + rng.exponential(60 * DAY, n)
    end = np.minimum(END, quiet + 120 * DAY)
    person, t = poisson_points(rng, start, end, np.full(n, 1 / (75 * DAY)))
    keep = rng.random(len(t)) < SEASONAL[month_of(t)] / 1.8
    person, t = person[keep], t[keep]
    m = len(t)
    office = rng.random(m) < 0.55
    clock = (rng.integers(8, 18, m) * HOUR + rng.integers(0, 60, m) * MINUTE
             + rng.integers(0, 60, m) + (t - np.floor(t)))
    t = np.where(office, np.floor(t / DAY) * DAY + clock, t)
    who = rng.random(m)
    return Tickets(
        person=person, t=t,
        priority=choice(rng, PRIORITY_WEIGHTS, m),
        channel=choice(rng, TICKET_CHANNEL_WEIGHTS, m),
        has_customer=who < 0.80,
        by_dup=people.dup[person] & (rng.random(m) < 0.5),
        requester=np.select([who >= 0.97, who > 0.70], [2, 1], 0),
        subject=rng.integers(0, len(SUBJECTS), m),
        surveyed=rng.random(m) < 0.4,
    )


@dataclass
class Events:
    ticket: np.ndarray
    t: np.ndarray
    actor: np.ndarray
    kind: np.ndarray
    agent: np.ndarray   # 1..25, 0 for none
    handle: np.ndarray  # seconds, -1 for none


class EventGrid:
    """The event history of every ticket as a (tickets x SLOTS) grid: slot s
    happens `gap` seconds after slot s-1 (gaps of silent slots still pass)."""

    SLOTS = 16  # message, reply, 3 rounds of 3, solved, reopened, reply, solved, note

    def __init__(self, n: int):
        shape = (n, self.SLOTS)
        self.gap = np.zeros(shape)
        self.emit = np.zeros(shape, bool)
        self.actor = np.zeros(shape, np.int8)
        self.kind = np.zeros(shape, np.int8)
        self.handle = np.full(shape, -1, np.int32)

    def slot(self, s, emit, gap, actor, kind, handle=-1, flow=None):
        self.gap[:, s] = np.where(emit if flow is None else flow, gap, 0.0)
        self.emit[:, s] = emit
        self.actor[:, s] = actor
        self.kind[:, s] = kind
        self.handle[:, s] = handle


def event_round(rng, grid: EventGrid, s: int, active: np.ndarray):
    """One more round after the first reply: pending (the agent waits for the
    customer), on hold (the agent waits for someone else) or the customer
    writing again; each ends with an agent message. The customer's answer
    ends a pending stretch, except in 1 of 10 where the agent sets the
    ticket open by hand (an `open` event, no customer message); half of the
    holds end so too, the others with the agent's message."""
    n = len(active)
    r = rng.random(n)
    pending, on_hold = active & (r < 0.5), active & (r >= 0.5) & (r < 0.7)
    hold = pending | on_hold
    # r again, so that no draw is added: 1 in 10 pending, half the holds
    by_agent = (pending & (r < 0.05)) | (on_hold & (r < 0.6))
    grid.slot(s, active, np.where(hold, rng.uniform(1, 30, n) * MINUTE,
                                  rng.exponential(6 * HOUR, n)),
              np.where(hold, AGENT, CUSTOMER),
              np.select([pending, on_hold], [PENDING, ON_HOLD], MESSAGE),
              np.where(hold, rng.integers(30, 301, n), -1))
    grid.slot(s + 1, pending | by_agent, np.where(pending, rng.exponential(20 * HOUR, n),
                                                  rng.exponential(30 * HOUR, n)),
              np.where(by_agent, AGENT, CUSTOMER), np.where(by_agent, OPEN, MESSAGE),
              flow=hold)
    grid.slot(s + 2, active, rng.exponential(4 * HOUR, n), AGENT, MESSAGE,
              rng.integers(60, 1201, n))


def simulate_events(rng, tickets: Tickets, variant) -> Events:
    """First reply delay by priority, extra rounds, 4% never answered, 3% left
    open, 10% solved by the system, 9% reopened (85% of those solved again);
    no event after the first reply or a later agent message past END.

    `variant` (a stream of its own, so that every other draw stays as it
    was) adds the histories the one-touch rule tells apart: a third of the
    reopened tickets get no new agent reply before they are solved again
    (or stay open): resolved with a single reply, yet not one-touch; a
    third of the never-answered tickets are solved by the system without
    a reply (resolved with none); and 5% of the answered, solved tickets
    get a last agent message after the solve ("glad to help"), which is no
    reply up to the final resolution."""
    n = len(tickets.t)
    no_reply_reopen = variant.random(n) < 1 / 3
    auto_solved = variant.random(n) < 1 / 3
    after_note = variant.random(n) < 0.05
    after_gap = variant.uniform(1, 60, n) * MINUTE
    grid = EventGrid(n)
    agent = rng.integers(1, 26, n)
    answered = rng.random(n) >= 0.04
    grid.slot(0, np.ones(n, bool), 0.0, CUSTOMER, MESSAGE)
    grid.slot(1, answered,
              rng.lognormal(np.log(RESPONSE_MINUTES[tickets.priority]), 1.0) * MINUTE,
              AGENT, MESSAGE, rng.integers(60, 901, n))
    extra_rounds = np.where(rng.random(n) < 0.6, 0, rng.integers(1, 4, n))
    for k in range(3):
        event_round(rng, grid, 2 + 3 * k, answered & (extra_rounds > k))
    solved = answered & (rng.random(n) >= 0.03)
    by_agent = rng.random(n) < 0.9
    auto_solved &= ~answered
    by_agent &= ~auto_solved
    grid.slot(11, solved | auto_solved, rng.uniform(1, 120, n) * MINUTE,
              np.where(by_agent, AGENT, SYSTEM), SOLVED,
              np.where(by_agent, rng.integers(30, 301, n), -1))
    reopened = solved & (rng.random(n) < 0.09)
    grid.slot(12, reopened, rng.uniform(0.5, 6, n) * DAY, CUSTOMER, REOPENED)
    grid.slot(13, reopened & ~no_reply_reopen, rng.exponential(8 * HOUR, n), AGENT, MESSAGE,
              rng.integers(60, 901, n), flow=reopened)
    solved_again = reopened & (rng.random(n) < 0.85)
    grid.slot(14, solved_again, rng.uniform(0.5, 24, n) * HOUR,
              AGENT, SOLVED, rng.integers(30, 301, n))
    grid.slot(15, after_note & solved & (~reopened | solved_again), after_gap, AGENT, MESSAGE,
              variant.integers(30, 121, n))

    t = tickets.t[:, None] + np.cumsum(grid.gap, axis=1)
    late = grid.emit & (t > END)
    cut = np.where(late[:, 1], 1, EventGrid.SLOTS)
    for s in (4, 7, 10):  # an agent message past END ends the history after it
        cut = np.where(late[:, s], np.minimum(cut, s + 1), cut)
    emit = grid.emit & (np.arange(EventGrid.SLOTS) < cut[:, None])
    emit[:, 15] &= ~late[:, 15]  # no note past END
    ticket = np.nonzero(emit)[0]
    actor = grid.actor[emit]
    return Events(ticket=ticket, t=t[emit], actor=actor, kind=grid.kind[emit],
                  agent=np.where(actor == AGENT, agent[ticket], 0), handle=grid.handle[emit])


@dataclass
class Invitations:
    person: np.ndarray
    touchpoint: np.ndarray
    channel: np.ndarray
    question: np.ndarray
    sent: np.ndarray
    mood: np.ndarray
    order: np.ndarray   # index into the block's orders, -1 for none
    ticket: np.ndarray  # index into the block's tickets, -1 for none


def pick_question(rng, touchpoint: np.ndarray, metric: np.ndarray) -> np.ndarray:
    """A question of the touchpoint and metric (else its CSAT, else its NPS
    question), English or German."""
    options, count = question_options()
    j = (rng.random(len(touchpoint)) * count[touchpoint, metric]).astype(np.int64)
    return options[touchpoint, metric, j]


@cache
def question_options():
    by = {}
    for i, (tp, metric, *_rest) in enumerate(CATALOGUE):
        by.setdefault((tp, metric), []).append(i)
    options = np.zeros((len(TOUCHPOINTS), len(METRICS), 8), np.int64)
    count = np.zeros((len(TOUCHPOINTS), len(METRICS)), np.int64)
    for t, tp in enumerate(TOUCHPOINTS):
        for m, metric in enumerate(METRICS):
            found = by.get((tp, metric)) or by.get((tp, "csat")) or by[(tp, "nps")]
            options[t, m, :len(found)] = found
            count[t, m] = len(found)
    return options, count


def simulate_invitations(rng, people: People, orders: Orders, tickets: Tickets) -> Invitations:
    """Invitations after signup (onboarding), orders (checkout 25%, delivery of
    35% of completed orders, returns of 60% of refunds) and tickets (40%),
    sent 1-96 hours later; ordered by customer and time."""
    n, m = people.n, len(orders.t)
    none = np.full(n, -1)
    sources = [(np.arange(n), ONBOARDING, np.where(rng.random(n) < 0.5, EMAIL, IN_APP),
                people.signup, np.zeros(n), none, none)]
    for tp, keep, delay, channel in [
            (CHECKOUT, rng.random(m) < 0.25, 0.0, IN_APP),
            (DELIVERY, (orders.status == COMPLETED) & (rng.random(m) < 0.35), 2 * DAY,
             np.where(rng.random(m) < 0.5, EMAIL, SMS)),
            (RETURNS, (orders.status == REFUNDED) & (rng.random(m) < 0.6), 8 * DAY, EMAIL)]:
        person = orders.person[keep]
        sources.append((person, tp, np.broadcast_to(channel, m)[keep], orders.t[keep] + delay,
                        people.mood[person], np.flatnonzero(keep), np.full(len(person), -1)))
    person = tickets.person[tickets.surveyed]
    sources.append((person, SUPPORT, EMAIL, tickets.t[tickets.surveyed] + 2 * DAY,
                    people.mood[person] - 0.2, np.full(len(person), -1),
                    np.flatnonzero(tickets.surveyed)))
    person, tp, channel, at, shift, order, ticket = (
        np.concatenate([np.broadcast_to(src[i], len(src[0])) for src in sources])
        for i in range(7))
    k = len(person)
    question = pick_question(rng, tp, choice(rng, METRIC_WEIGHTS, k))
    sent = at + rng.uniform(1, 96, k) * HOUR
    keep = np.flatnonzero(sent <= END)
    keep = keep[np.argsort(person[keep] * 2**27 + sent[keep].astype(np.int64), kind="stable")]
    return Invitations(person[keep], tp[keep], channel[keep], question[keep], sent[keep],
                       MOOD[tp[keep]] + shift[keep], order[keep], ticket[keep])


@dataclass
class Responses:
    person: np.ndarray       # -1 for anonymous
    invitation: np.ndarray   # index into the block's invitations, -1 for none
    question: np.ndarray
    t: np.ndarray
    score: np.ndarray
    comment: np.ndarray      # index into COMMENTS, -1 for none
    with_customer: np.ndarray
    with_email: np.ndarray   # an e-mail variant instead of (or besides) the id
    touchpoint: np.ndarray   # -1 for none
    messy_touchpoint: np.ndarray
    channel: np.ndarray

    @staticmethod
    def concat(parts: list) -> Responses:
        return Responses(*(np.concatenate([getattr(r, f.name) for r in parts])
                           for f in fields(Responses)))

    def take(self, order: np.ndarray) -> Responses:
        return Responses(*(getattr(self, f.name)[order] for f in fields(self)))


def skewed_score(rng, question, mood):
    """A score skewed to the top of the scale (or the bottom when lower is better)."""
    lo, hi = Q_LO[question], Q_HI[question]
    mood = np.broadcast_to(mood, question.shape)
    u = rng.beta(np.maximum(0.3, 2.2 + mood), np.maximum(0.3, 0.9 - mood * 0.3))
    value = np.clip(lo + np.round(u * (hi - lo)), lo, hi).astype(np.int64)
    return np.where(Q_HIB[question], value, hi + lo - value)


def pick_comment(rng, question, score):
    """30% leave a comment matching the score; 12% of those contain PII."""
    n = len(score)
    lo, hi = Q_LO[question], Q_HI[question]
    good = np.where(Q_HIB[question], score - lo, hi - score) / (hi - lo) >= 0.6
    text = np.where(good, rng.integers(0, len(COMMENTS_GOOD), n),
                    len(COMMENTS_GOOD) + rng.integers(0, len(COMMENTS_BAD), n))
    pii = len(COMMENTS_GOOD) + len(COMMENTS_BAD) + rng.integers(0, len(COMMENTS_PII), n)
    text = np.where(rng.random(n) < 0.12, pii, text)
    return np.where(rng.random(n) <= 0.3, text, -1)


def answer_invitations(rng, inv: Invitations) -> Responses:
    """36% answer after ~10 hours; 3% of those answer again later (superseding)."""
    m = len(inv.sent)
    answers = np.where(rng.random(m) <= 0.36, np.where(rng.random(m) < 0.03, 2, 1), 0)
    t1 = inv.sent + rng.exponential(600 * MINUTE, m)
    t2 = t1 + rng.exponential(600 * MINUTE, m)
    answers = np.where(t1 > END, 0, np.where((answers == 2) & (t2 > END), 1, answers))
    invitation = np.repeat(np.arange(m), answers)
    second = np.zeros(len(invitation), bool)
    second[1:] = invitation[1:] == invitation[:-1]
    k = len(invitation)
    question = inv.question[invitation]
    score = skewed_score(rng, question, inv.mood[invitation])
    return Responses(
        person=inv.person[invitation], invitation=invitation, question=question,
        t=np.where(second, t2[invitation], t1[invitation]), score=score,
        comment=pick_comment(rng, question, score),
        with_customer=rng.random(k) < 0.5, with_email=np.zeros(k, bool),
        touchpoint=np.where(rng.random(k) < 0.7, inv.touchpoint[invitation], -1),
        messy_touchpoint=np.zeros(k, bool), channel=inv.channel[invitation])


def website_responses(rng, people: People) -> Responses:
    """12% of customers answer a website survey without invitation."""
    n = people.n
    t = people.signup + rng.uniform(0, 300, n) * DAY
    person = np.flatnonzero((rng.random(n) < 0.12) & (t < END))
    k = len(person)
    question = pick_question(rng, np.full(k, WEBSITE),
                             np.where(rng.random(k) < 0.5, NPS, CSAT))
    score = skewed_score(rng, question, MOOD[WEBSITE])
    r = rng.random(k)
    return Responses(
        person=person, invitation=np.full(k, -1), question=question, t=t[person],
        score=score, comment=pick_comment(rng, question, score), with_customer=r < 0.3,
        with_email=(r >= 0.3) & (r < 0.8), touchpoint=np.full(k, WEBSITE),
        messy_touchpoint=np.ones(k, bool), channel=np.full(k, WEB))


def anonymous_responses(rng, k: int) -> Responses:
    """Website NPS answers nobody can be traced to."""
    question = pick_question(rng, np.full(k, WEBSITE), np.full(k, NPS))
    none = np.zeros(k, bool)
    return Responses(
        person=np.full(k, -1), invitation=np.full(k, -1), question=question,
        t=rng.random(k) * END, score=skewed_score(rng, question, MOOD[WEBSITE]),
        comment=np.full(k, -1), with_customer=none, with_email=none,
        touchpoint=np.full(k, WEBSITE), messy_touchpoint=none, channel=np.full(k, WEB))


def simulate_responses(rng, people, inv, anonymous: int) -> Responses:
    """Answers to invitations and website answers, per customer, then the anonymous ones."""
    known = Responses.concat([answer_invitations(rng, inv), website_responses(rng, people)])
    known = known.take(np.argsort(known.person, kind="stable"))
    return Responses.concat([known, anonymous_responses(rng, anonymous)])


@dataclass
class Block:
    index: int
    customers: int  # customers of the whole run (duplicate-person ids follow them)
    people: People
    orders: Orders
    tickets: Tickets
    events: Events
    invitations: Invitations
    responses: Responses

    def counts(self) -> dict:
        return {"dups": int(self.people.dup.sum()), "orders": len(self.orders.t),
                "invitations": len(self.invitations.sent), "responses": len(self.responses.t),
                "tickets": len(self.tickets.t), "events": len(self.events.t)}


def simulate_block(seed: int, index: int, first: int, last: int, customers: int) -> Block:
    """Customers first+1 .. last and everything they do, as numbers."""
    rng = stream(seed, 0, index, 0)
    people = simulate_people(rng, first, last - first)
    orders, quiet = simulate_orders(rng, people)
    tickets = simulate_tickets(rng, people, quiet)
    events = simulate_events(rng, tickets, stream(seed, 0, index, 7))
    invitations = simulate_invitations(rng, people, orders, tickets)
    anonymous = last // 40 - first // 40 + (customers < 40 and last == customers)
    responses = simulate_responses(rng, people, invitations, anonymous)
    return Block(index, customers, people, orders, tickets, events, invitations, responses)


# --- text columns: Arrow strings from numpy byte records ---------------------

@cache
def vocab(values: tuple) -> pa.Array:
    return pa.array(values, pa.string())


def text(values: tuple, codes, valid=None) -> pa.Array:
    """values[codes] as an Arrow string array (null where not valid)."""
    mask = None if valid is None else ~np.asarray(valid)
    return vocab(values).take(pa.array(np.asarray(codes, np.int64), mask=mask))


@cache
def messy_vocab(values: tuple) -> tuple:
    return tuple(s for v in values for s in (v.upper(), v.capitalize() + " ", " " + v, v))


def messy(rng, codes, values: tuple, valid=None) -> pa.Array:
    """The same enum as another system spells it: case and stray spaces."""
    variant = choice(rng, [0.08, 0.06, 0.04, 0.82], len(codes))
    return text(messy_vocab(values), np.asarray(codes) * 4 + variant, valid)


@cache
def digit_table(k: int) -> np.ndarray:
    """'00..0' .. '99..9' (k digits) as byte strings."""
    return np.array([f"{i:0{k}d}" for i in range(10 ** k)], dtype=f"S{k}")


def zero_padded(values: np.ndarray, width: int) -> list:
    """Decimal digits of non-negative integers, zero-padded to `width`: byte-string
    columns of up to 4 digits each, the most significant first."""
    parts, v = [], np.asarray(values, np.int64)
    while width > 0:
        k = min(4, width)
        v, r = np.divmod(v, 10 ** k)
        parts.insert(0, digit_table(k)[r])
        width -= k
    return parts


def digits_of(values: np.ndarray) -> np.ndarray:
    return 1 + np.searchsorted(10 ** np.arange(1, 19, dtype=np.int64), values, side="right")


def records(n: int, *parts) -> np.ndarray:
    """Fixed-width parts (byte constants or arrays of byte strings) side by side:
    an (n, total width) byte matrix."""
    fields = [(f"f{i}", f"S{len(p)}" if isinstance(p, bytes) else p.dtype)
              for i, p in enumerate(parts)]
    out = np.empty(n, dtype=fields)
    for (name, _), part in zip(fields, parts):
        out[name] = part
    return out.view(np.uint8).reshape(n, -1)


def strings(recs: np.ndarray, lengths=None, right=False, valid=None) -> pa.Array:
    """Arrow strings from an (n, w) byte matrix: whole rows, or the first (last,
    when right) lengths[i] bytes of row i."""
    n, w = recs.shape
    if lengths is None:
        data = np.ascontiguousarray(recs).reshape(-1)
        offsets = np.arange(0, w * (n + 1), w, dtype=np.int64)
    else:
        lengths = np.asarray(lengths, np.int64)
        offsets = np.zeros(n + 1, np.int64)
        np.cumsum(lengths, out=offsets[1:])
        data = np.empty(offsets[-1] + w, np.uint8)
        whole = np.ascontiguousarray(recs).view(f"V{w}").ravel()
        for size in np.flatnonzero(np.bincount(lengths)):
            rows = np.flatnonzero(lengths == size)
            # the rows' first (or last) `size` bytes, as items of a strided view
            part = np.ndarray(len(rows), f"V{size}", whole[rows], w - size if right else 0, (w,))
            # a byte-strided view of the output: item i covers data[i : i + size]
            target = np.ndarray((len(data) - size + 1,), f"V{size}", data, strides=(1,))
            target[offsets[rows]] = part
        data = data[:offsets[-1]]
    if offsets[-1] >= 2**31:
        raise ValueError("a text column of one block exceeds 2 GiB: use smaller blocks")
    bitmap, nulls = None, 0
    if valid is not None:
        bitmap = pa.py_buffer(np.packbits(valid, bitorder="little"))
        nulls = n - int(np.count_nonzero(valid))
    return pa.StringArray.from_buffers(n, pa.py_buffer(offsets.astype(np.int32)),
                                       pa.py_buffer(data), bitmap, nulls)


def fmt_ids(prefix: str, numbers, width: int, valid=None) -> pa.Array:
    """f"{prefix}{number:0{width}d}" for every number."""
    numbers = np.asarray(numbers, np.int64)
    if len(numbers) and numbers.max() >= 10 ** width:  # wider than the pattern
        mask = None if valid is None else ~np.asarray(valid)
        digits = pc.utf8_lpad(pc.cast(pa.array(numbers, mask=mask), pa.string()), width, "0")
        return pc.binary_join_element_wise(prefix, digits, "")
    return strings(records(len(numbers), prefix.encode(), *zero_padded(numbers, width)),
                   valid=valid)


def fmt_amount(cents: np.ndarray) -> pa.Array:
    """f"{cents / 100:.2f}" for non-negative cents."""
    whole, frac = np.divmod(cents, 100)
    width = int(digits_of(whole).max()) if len(cents) else 1
    recs = records(len(cents), *zero_padded(whole, width), b".", *zero_padded(frac, 2))
    return strings(recs, digits_of(whole) + 3, right=True)


TS_WEIGHTS = [0.45, 0.25, 0.10] + [0.20 / 6] * 6
TS_SEPARATOR = np.array(list(b"T TTTTTTT"), np.uint8).view("S1")
TS_SUFFIX = ["Z", "", "", "+01:00", "+02:00", "-05:00", "-08:00", "+05:30", "+09:00"]
TS_SUFFIX_BYTES = np.array([s.encode() for s in TS_SUFFIX], "S6")
TS_SUFFIX_LEN = np.array([len(s) for s in TS_SUFFIX])
TS_OFFSET = np.array([0, 0, 0, 1, 2, -5, -8, 5.5, 9]) * HOUR


@cache
def clock_bytes() -> np.ndarray:
    """'HH:MM:SS' of every second of a day."""
    s = np.arange(86_400)
    return records(86_400, *zero_padded(s // 3600, 2), b":", *zero_padded(s // 60 % 60, 2),
                   b":", *zero_padded(s % 60, 2)).ravel().view("S8")


def fmt_ts(rng, t: np.ndarray, valid=None) -> pa.Array:
    """ISO-8601 texts of UTC instants, in the shapes real exports use: 'Z',
    space-separated, no offset, or local time with one of six UTC offsets."""
    n = len(t)
    shape = choice(rng, TS_WEIGHTS, n)
    local = np.floor(t).astype(np.int64) + TS_OFFSET[shape].astype(np.int64)
    day, second = np.divmod(local, 86_400)
    first = int(day.min()) if n else 0
    days = np.arange(first, int(day.max()) + 1 if n else 1) + START_DAY
    dates = days.astype("datetime64[D]").astype("S10")
    recs = records(n, dates[day - first], TS_SEPARATOR[shape], clock_bytes()[second],
                   TS_SUFFIX_BYTES[shape])
    return strings(recs, 19 + TS_SUFFIX_LEN[shape], valid=valid)


def email_variant(rng, emails: pa.Array) -> pa.Array:
    """The same e-mail as another system stores it: case and spaces."""
    r = rng.random(len(emails))
    spaced = pc.binary_join_element_wise(" ", pc.utf8_capitalize(emails), "")
    trailing = pc.binary_join_element_wise(emails, "  ", "")
    return pc.if_else(pa.array(r < 0.4), pc.utf8_upper(emails),
                      pc.if_else(pa.array(r < 0.7), spaced, trailing))


def email_variants_where(rng, emails: pa.Array, person: np.ndarray, where: np.ndarray):
    """An e-mail variant of emails[person] where `where`, else null."""
    rows = np.flatnonzero(where)
    out = pa.nulls(len(person), pa.string())
    return pc.replace_with_mask(out, pa.array(where),
                                email_variant(rng, emails.take(person[rows])))


def fmt_comments(codes: np.ndarray, emails: pa.Array, person: np.ndarray) -> pa.Array:
    """The comment texts, with the person's e-mail in the templates that ask for it."""
    valid = codes >= 0
    out = text(COMMENT_BEFORE, np.where(valid, codes, 0), valid)
    with_email = valid & COMMENT_HAS_EMAIL[codes]
    if with_email.any():
        rows = np.flatnonzero(with_email)
        filled = pc.binary_join_element_wise(
            text(COMMENT_BEFORE, codes[rows]), emails.take(person[rows]),
            text(COMMENT_AFTER, codes[rows]), "")
        out = pc.replace_with_mask(out, pa.array(with_email), filled)
    return out


# --- tables: one function per raw table --------------------------------------

@dataclass(frozen=True)
class Offsets:
    """Rows of each kind written by the blocks before this one."""
    dups: int = 0
    orders: int = 0
    invitations: int = 0
    responses: int = 0
    tickets: int = 0
    events: int = 0

    def after(self, block: Block) -> Offsets:
        counts = block.counts()
        return Offsets(**{k: getattr(self, k) + counts[k] for k in counts})

    def rows(self, table: str, block: Block) -> int:
        """Good rows of a table before the block."""
        if table == "raw_customers":
            return block.people.first + self.dups
        return getattr(self, {"raw_orders": "orders", "raw_survey_invitations": "invitations",
                              "raw_survey_responses": "responses", "raw_tickets": "tickets",
                              "raw_ticket_events": "events"}[table])


def customer_numbers(block: Block, ids: Offsets):
    """Per person: the number of the customer id, and of the duplicate row's id."""
    people = block.people
    primary = np.arange(people.first + 1, people.first + people.n + 1)
    dup = block.customers + ids.dups + np.cumsum(people.dup)
    return primary, dup


def customers_table(block: Block, ids: Offsets, rng) -> pa.Table:
    people = block.people
    n, k = people.n, int(people.dup.sum())
    primary, dup_number = customer_numbers(block, ids)
    dups = np.flatnonzero(people.dup)
    person = np.concatenate([np.arange(n), dups])
    number = np.concatenate([primary, dup_number[dups]])
    email = pa.concat_arrays([
        pc.if_else(pa.array(people.no_email), pa.scalar(None, pa.string()), people.emails),
        email_variant(rng, people.emails.take(dups))])
    signup = np.concatenate([people.signup, people.dup_signup])
    table = pa.Table.from_arrays([
        fmt_ids("C", number, 7), email, fmt_ts(rng, signup),
        messy(rng, people.segment[person], SEGMENTS),
        text(COUNTRIES, people.country[person])], schema=SCHEMAS["raw_customers"])
    # each duplicate-person row right after its original
    position = np.arange(n) + np.cumsum(people.dup) - people.dup
    order = np.empty(n + k, np.int64)
    order[position] = np.arange(n)
    order[position[dups] + 1] = n + np.arange(k)
    return table.take(order)


def orders_table(block: Block, ids: Offsets, rng) -> pa.Table:
    o = block.orders
    primary, dup = customer_numbers(block, ids)
    owner = np.where(o.by_dup, dup[o.person], primary[o.person])
    return pa.Table.from_arrays([
        fmt_ids("O", ids.orders + np.arange(1, len(o.t) + 1), 8), fmt_ids("C", owner, 7),
        fmt_ts(rng, o.t), fmt_amount(o.cents), messy(rng, o.status, STATUSES),
    ], schema=SCHEMAS["raw_orders"])


def invitations_table(block: Block, ids: Offsets, rng) -> pa.Table:
    inv = block.invitations
    primary, _ = customer_numbers(block, ids)
    return pa.Table.from_arrays([
        fmt_ids("I", ids.invitations + np.arange(1, len(inv.sent) + 1), 8),
        fmt_ids("C", primary[inv.person], 7), question_ids(inv.question),
        messy(rng, inv.touchpoint, TOUCHPOINTS), messy(rng, inv.channel, SURVEY_CHANNELS),
        fmt_ts(rng, inv.sent),
        fmt_ids("T", ids.tickets + inv.ticket + 1, 8, valid=inv.ticket >= 0),
        fmt_ids("O", ids.orders + inv.order + 1, 8, valid=inv.order >= 0),
    ], schema=SCHEMAS["raw_survey_invitations"])


def question_ids(question: np.ndarray, valid=None) -> pa.Array:
    return text(QUESTION_IDS, question, valid)


def responses_table(block: Block, ids: Offsets, rng) -> pa.Table:
    r = block.responses
    primary, _ = customer_numbers(block, ids)
    person = np.maximum(r.person, 0)
    known = r.person >= 0
    tp = np.maximum(r.touchpoint, 0)
    touchpoint = pc.if_else(pa.array(r.messy_touchpoint), messy(rng, tp, TOUCHPOINTS),
                            text(TOUCHPOINTS, tp, r.touchpoint >= 0))
    return pa.Table.from_arrays([
        fmt_ids("R", ids.responses + np.arange(1, len(r.t) + 1), 8),
        fmt_ids("I", ids.invitations + r.invitation + 1, 8, valid=r.invitation >= 0),
        question_ids(r.question),
        fmt_ids("C", primary[person], 7, valid=known & r.with_customer),
        email_variants_where(rng, block.people.emails, person, known & r.with_email),
        touchpoint, text(SURVEY_CHANNELS, r.channel), fmt_ts(rng, r.t),
        small_ints(r.score), fmt_comments(r.comment, block.people.emails, person),
    ], schema=SCHEMAS["raw_survey_responses"])


def small_ints(values: np.ndarray, valid=None) -> pa.Array:
    return text(SMALL_INTS, values, valid)


def tickets_table(block: Block, ids: Offsets, rng) -> pa.Table:
    tk = block.tickets
    primary, dup = customer_numbers(block, ids)
    number = ids.tickets + np.arange(1, len(tk.t) + 1)
    owner = np.where(tk.by_dup, dup[tk.person], primary[tk.person])
    guest = pc.binary_join_element_wise(
        "guest", pc.cast(pa.array(number), pa.string()), "@unknown.example", "")
    variant = email_variants_where(rng, block.people.emails, tk.person, tk.requester == 1)
    requester = pc.if_else(pa.array(tk.requester == 2), guest, variant)
    return pa.Table.from_arrays([
        fmt_ids("T", number, 8), fmt_ids("C", owner, 7, valid=tk.has_customer), requester,
        messy(rng, tk.channel, TICKET_CHANNELS), messy(rng, tk.priority, PRIORITIES),
        fmt_ts(rng, tk.t), text(SUBJECTS, tk.subject),
    ], schema=SCHEMAS["raw_tickets"])


def events_table(block: Block, ids: Offsets, rng) -> pa.Table:
    e = block.events
    return pa.Table.from_arrays([
        fmt_ids("E", ids.events + np.arange(1, len(e.t) + 1), 9),
        fmt_ids("T", ids.tickets + e.ticket + 1, 8), fmt_ts(rng, e.t),
        messy(rng, e.actor, ACTORS), messy(rng, e.kind, EVENT_TYPES),
        text(AGENT_IDS, e.agent, e.agent > 0),
        small_ints(np.maximum(e.handle, 0), e.handle >= 0),
    ], schema=SCHEMAS["raw_ticket_events"])


FORMATTERS = {"raw_customers": customers_table, "raw_orders": orders_table,
              "raw_survey_invitations": invitations_table,
              "raw_survey_responses": responses_table, "raw_tickets": tickets_table,
              "raw_ticket_events": events_table}


def format_table(table: str, block: Block, ids: Offsets, seed: int, bad_share: float,
                 last: bool) -> pa.Table:
    """The block's rows of one table as text, with its share of bad rows."""
    rng = stream(seed, 0, block.index, 1 + BLOCK_TABLES.index(table))
    good = FORMATTERS[table](block, ids, rng)
    numbers = bad_calls(ids.rows(table, block), good.num_rows, bad_share, last)
    return scatter_rows(rng, good, BadRows(rng, good).make(table, numbers))


def questions_table(rng) -> pa.Table:
    """The question catalogue (English and German) and one question on an
    unsupported scale (CSAT 1-10, rejected: responses to it are unknown_question)."""
    n = len(QUESTIONS)
    hib_text = [["false", "0"][rng.integers(2)] if not q[4] else
                ["true", "TRUE", "1"][rng.integers(3)] for q in QUESTIONS]
    hib_text += ["true" if q[4] else "false" for q in QUESTIONS]
    metric = messy(rng, np.array([METRICS.index(q[1]) for q in CATALOGUE]), METRICS)
    catalogue = pa.Table.from_arrays([
        question_ids(np.arange(2 * n)), metric, pa.array([q[5] for q in CATALOGUE]),
        pa.array([str(q[2]) for q in CATALOGUE]), pa.array([str(q[3]) for q in CATALOGUE]),
        pa.array(hib_text)], schema=SCHEMAS["raw_survey_questions"])
    return pa.concat_tables([catalogue, rows_table(
        "raw_survey_questions", 1, question_id="Q900", metric="csat",
        question_text="Rate us from 1 to 10", scale_min="1", scale_max="10",
        higher_is_better="true")])


def holidays_table() -> pa.Table:
    rows = []
    for year in (2024, 2025, 2026):
        rows += [(f"{year}-{md}", name) for md, name in HOLIDAYS]
        good_friday, easter_monday = EASTER_BASED[year]
        rows += [(f"{year}-{good_friday}", "Good Friday"),
                 (f"{year}-{easter_monday}", "Easter Monday")]
    rows.append(("2025-12-25", "Christmas Day"))  # duplicate_row
    return pa.Table.from_arrays([pa.array([d for d, _ in rows]), pa.array([n for _, n in rows])],
                                schema=SCHEMAS["raw_holidays"])


# Business schedules: one office-hours and one split-shift schedule per time
# zone (the zones include half-hour and 45-minute offsets and both
# hemispheres' daylight saving), one 24/7 schedule, one schedule in a zone
# that does not exist (unknown_value) and one whose rows disagree on the
# time zone (conflicting_key). raw_schedules has one row per weekly
# interval, each repeating its schedule's name and time zone.
SCHEDULE_ZONES = ("Europe/Berlin", "Europe/London", "America/New_York",
                  "America/Los_Angeles", "America/Sao_Paulo", "Asia/Tokyo", "Asia/Kolkata",
                  "Australia/Sydney", "Africa/Johannesburg", "Pacific/Auckland",
                  "Asia/Kathmandu", "America/St_Johns")
OFFICE_HOURS = [(d, "09:00", "17:00") for d in range(1, 6)]
SPLIT_SHIFT = ([(d, "08:00", "12:00") for d in range(1, 6)]
               + [(d, "13:00", "18:30") for d in range(1, 6)] + [(6, "10:00", "14:00")])


def schedule_tables() -> dict[str, pa.Table]:
    """The optional schedule tables, small and fixed, with a few rejected
    rows (below the 5% that fails a build). No ticket is assigned to a
    schedule (raw_ticket_schedules is empty): every ticket stays on the
    default schedule of the vars."""
    intervals, holidays = [], []
    for i, zone in enumerate(SCHEDULE_ZONES):
        city = zone.split("/")[-1].replace("_", " ")
        for j, (kind, hours) in enumerate((("office", OFFICE_HOURS), ("shifts", SPLIT_SHIFT))):
            sid = f"S{2 * i + j + 1:02d}"
            intervals += [(sid, f"{city} {kind}", zone, str(d), a, b) for d, a, b in hours]
            holidays += [(sid, "2025-01-01", "2025-01-01"), (sid, "2025-12-24", "2025-12-26")]
    intervals += [("S90", "Around the clock", "UTC", str(d), "00:00", "24:00")
                  for d in range(1, 8)]
    intervals += [
        ("S99", "Mars base", "Mars/Olympus", "1", "09:00", "17:00"),     # unknown_value
        ("S98", "Lisbon office", "Europe/Lisbon", "1", "09:00", "17:00"),  # conflicting_key:
        ("S98", "Lisbon office", "Europe/Madrid", "2", "09:00", "17:00"),  # two time zones
        ("S01", "Berlin office", "Europe/Berlin", "1", "18:00", "17:00"),  # bad_interval
        ("S02", "Berlin shifts", "Europe/Berlin", "2", "9:00", "12:00"),   # bad_interval
    ]
    holidays += [("S03", "2025-07-04", "2025-07-03"),   # bad_interval: ends first
                 ("S99", "2025-07-04", "2025-07-04")]   # unknown_schedule

    def table(name, rows):
        columns = list(zip(*rows)) if rows else [[] for _ in COLUMNS[name]]
        return pa.Table.from_arrays([pa.array(list(c), pa.string()) for c in columns],
                                    schema=SCHEMAS[name])
    return {"raw_schedules": table("raw_schedules", intervals),
            "raw_schedule_holidays": table("raw_schedule_holidays", holidays),
            "raw_ticket_schedules": table("raw_ticket_schedules", [])}


# --- bad rows ------------------------------------------------------------------

def rows_table(table: str, k: int, **values) -> pa.Table:
    """k rows of a table from constants or lists per column; '' and None are null."""
    arrays = []
    for column in COLUMNS[table]:
        v = values.get(column)
        v = [v] * k if v is None or isinstance(v, str) else list(v)
        arrays.append(pa.array([x or None for x in v], pa.string()))
    return pa.Table.from_arrays(arrays, schema=SCHEMAS[table])


def bad_calls(rows_before: int, rows: int, share: float, last: bool) -> np.ndarray:
    """Which bad rows of a table a block makes: the ones of numbers
    round(share * rows before it) .. round(share * rows up to its end), so the
    run has round(share * rows) of them, at least one."""
    first, end = round(rows_before * share), round((rows_before + rows) * share)
    return np.arange(first, max(end, 1) if last else end)


class BadRows:
    """Bad rows of one table made for one block, covering every rejection
    reason: bad row number i is of kind i % (number of kinds) of the table (a
    loop over the kinds, as if over the whole run) and uses i + 1 to make its
    new keys unique. Duplicates copy the block's good rows. The last kinds of
    each table break two rules at once (the row gets the first in the
    table's order, docs/raw_contract.md): a score of 10.5 on a 0-10
    question, an unknown customer's negative amount, ..."""

    def __init__(self, rng, good: pa.Table):
        self.rng, self.good = rng, good

    def make(self, table: str, numbers: np.ndarray) -> pa.Table:
        kinds = getattr(self, table.removeprefix("raw_"))()
        kind = numbers % len(kinds)
        parts, keys = [rows_table(table, 0)], [np.zeros(0, np.int64)]
        for j, make in enumerate(kinds):
            mine = numbers[kind == j]
            made = make(len(mine), mine + 1) if len(mine) else []
            for sub, part in enumerate(made):  # a pair: its first rows come first
                parts.append(part)
                keys.append(2 * mine + sub + 2 - len(made))
        order = np.argsort(np.concatenate(keys), kind="stable")
        return pa.concat_tables(parts).take(order)

    def pick(self, k, _uniq) -> list:
        """Copies of good rows: duplicate_row."""
        if self.good.num_rows == 0:  # nothing to copy (a tiny block without such rows)
            return []
        return [self.good.take(self.rng.integers(0, self.good.num_rows, k))]

    def bad_ts(self, k: int) -> list:
        return self.some(BAD_TS, k)

    def some(self, options: list, k: int) -> list:
        return [options[i] for i in self.rng.integers(0, len(options), k)]

    def customers(self) -> list:
        t = "raw_customers"

        def twice(k, uniq):  # identical rows with a bad timestamp
            row = rows_table(t, k, customer_id=[f"CY{u:06d}" for u in uniq],
                             email="twice@example.com", signup_at=self.bad_ts(k),
                             segment="smb", country="DE")
            return [row, row]

        def conflict(k, uniq):  # two rows sharing a new key with different contents
            key = [f"CX{u:06d}" for u in uniq]
            return [rows_table(t, k, customer_id=key, email=[f"first{c}@example.com" for c in key],
                               signup_at="2025-01-01T00:00:00Z", segment="smb", country="DE"),
                    rows_table(t, k, customer_id=key, email=[f"second{c}@example.com" for c in key],
                               signup_at="2025-01-02T00:00:00Z", segment="smb", country="DE")]
        return [
            lambda k, u: [rows_table(t, k, customer_id="", email="nokey@example.com",
                                     signup_at="2025-05-01T10:00:00Z", segment="consumer",
                                     country="FR")],
            self.pick,
            conflict,
            lambda k, u: [rows_table(t, k, customer_id=[f"CX{x:06d}" for x in u],
                                     email="bad@example.com", signup_at=self.bad_ts(k),
                                     segment="smb", country="DE")],
            twice,  # duplicate_row and bad_timestamp
        ]

    def orders(self) -> list:
        t = "raw_orders"

        def order(customer, ordered_at="2025-06-01T10:00:00Z", amount="20.00",
                  status="completed"):
            return lambda k, u: [rows_table(
                t, k, order_id=[f"OX{x:07d}" for x in u], customer_id=customer,
                ordered_at=ordered_at(k) if callable(ordered_at) else ordered_at,
                amount=amount(k) if callable(amount) else amount, status=status)]
        return [
            lambda k, u: [rows_table(t, k, order_id="  ", customer_id="C0000001",
                                     ordered_at="2025-05-01T10:00:00Z", amount="10.00",
                                     status="completed")],
            self.pick,
            order("C0000002", ordered_at=self.bad_ts, amount="10.00"),
            order("C0000002", amount=lambda k: self.some(["12,50", "abc", "", "10.005", "1e3"],
                                                          k)),
            order("C0000003", status="shipped"),
            order("C9999999"),
            order("C0000004", amount=lambda k: self.some(["-5.00", "-0.001"], k),
                  status="refunded"),
            # two rules each: unknown_customer before negative_amount,
            # bad_timestamp before unknown_value
            order("C9999999", amount=lambda k: self.some(["-5.00", "-0.001"], k),
                  status="refunded"),
            order("C0000002", ordered_at=self.bad_ts, status="shipped"),
        ]

    def survey_invitations(self) -> list:
        t = "raw_survey_invitations"

        def invitation(question, sent_at="2025-01-01T00:00:00Z"):
            return lambda k, u: [rows_table(
                t, k, invitation_id=[f"IX{x:07d}" for x in u], customer_id="C0000001",
                question_id=question, touchpoint="onboarding", channel="email",
                sent_at=sent_at(k) if callable(sent_at) else sent_at)]
        return [
            lambda k, u: [rows_table(t, k, customer_id="C0000001", question_id="Q001",
                                     touchpoint="onboarding", channel="email",
                                     sent_at="2025-01-01T00:00:00Z")],
            self.pick,
            invitation("Q001", sent_at=self.bad_ts),
            invitation("Q900"),
            invitation("Q900", sent_at=self.bad_ts),  # bad_timestamp before unknown_question
        ]

    def survey_responses(self) -> list:
        t = "raw_survey_responses"

        def web(question="Q017", responded_at="2025-04-01T10:00:00Z", score="8"):
            return lambda k, u: rows_table(
                t, k, response_id=[f"RX{x:07d}" for x in u], question_id=question,
                touchpoint="website", channel="web",
                responded_at=responded_at(k) if callable(responded_at) else responded_at,
                score=score(k) if callable(score) else score)
        conflict = [web(responded_at="2025-03-01T10:00:00Z", score="9"),
                    web(responded_at="2025-03-01T10:00:00Z", score="3")]
        return [
            lambda k, u: [rows_table(t, k, response_id="", question_id="Q001",
                                     customer_id="C0000001", touchpoint="website",
                                     channel="web", responded_at="2025-01-01T00:00:00Z",
                                     score="9")],
            self.pick,
            lambda k, u: [make(k, u) for make in conflict],
            lambda k, u: [web(responded_at=self.bad_ts)(k, u)],
            lambda k, u: [web(question="Q999")(k, u)],
            lambda k, u: [web(score=lambda k: self.some(["7.5", "ten", "", "9.0000001"], k))(k, u)],
            lambda k, u: [web(score=lambda k: self.some(["11", "-1"], k))(k, u)],
            # two rules each: score_not_integer before score_out_of_scale
            # (Q017 is 0-10), unknown_question before score_not_integer
            lambda k, u: [web(score=lambda k: self.some(["10.5", "-0.5", "11.25"], k))(k, u)],
            lambda k, u: [web(question="Q999", score=lambda k: self.some(["7.5", "ten"], k))(
                k, u)],
        ]

    def tickets(self) -> list:
        t = "raw_tickets"
        return [
            lambda k, u: [rows_table(t, k, ticket_id="", customer_id="C0000001",
                                     channel="email", priority="normal",
                                     created_at="2025-01-01T00:00:00Z", subject="No key")],
            self.pick,
            lambda k, u: [rows_table(t, k, ticket_id=[f"TX{x:07d}" for x in u],
                                     customer_id="C0000001", channel="email", priority="normal",
                                     created_at=self.bad_ts(k), subject="Bad time")],
            # not rejected: a descriptive field may be blank (staged as 'unknown')
            lambda k, u: [rows_table(t, k, ticket_id=[f"TY{x:07d}" for x in u],
                                     customer_id="C0000001", channel="", priority=" ",
                                     created_at="2025-03-03T10:00:00Z", subject="Blank")],
            # missing_key before bad_timestamp
            lambda k, u: [rows_table(t, k, ticket_id=" ", customer_id="C0000001",
                                     channel="email", priority="normal",
                                     created_at=self.bad_ts(k), subject="No key, bad time")],
        ]

    def ticket_events(self) -> list:
        t = "raw_ticket_events"

        def event(ticket=FIRST_TICKET, event_at="2026-10-30T00:00:00Z", actor="agent",
                  kind="message", agent="A01", handle="60"):
            return lambda k, u: [rows_table(
                t, k, event_id=[f"EX{x:08d}" for x in u], ticket_id=ticket,
                event_at=event_at(k) if callable(event_at) else event_at, actor_type=actor,
                event_type=kind, agent_id=agent,
                handle_seconds=handle(k) if callable(handle) else handle)]
        return [
            lambda k, u: [rows_table(t, k, event_id="", ticket_id=FIRST_TICKET,
                                     event_at="2026-01-01T00:00:00Z", actor_type="agent",
                                     event_type="message", agent_id="A01",
                                     handle_seconds="60")],
            self.pick,
            event(event_at=self.bad_ts),
            event(handle=lambda k: self.some(["n/a", "1m", "1.0005"], k)),
            event(handle="-100"),
            event(actor="bot", agent=None, handle=None),
            event(kind="escalated", handle=None),
            event(ticket="T99999999"),
            event(event_at="2020-01-01T00:00:00Z"),
            # two rules each: unknown_value before unknown_ticket, bad_number
            # before event_before_ticket, bad_timestamp before
            # event_before_ticket (1989 parses, but is outside the window)
            event(ticket="T99999999", kind="escalated", handle=None),
            event(event_at="2020-01-01T00:00:00Z", handle="n/a"),
            event(event_at="1989-06-01T00:00:00Z"),
        ]


def scatter_rows(rng, good: pa.Table, bad: pa.Table, places: int = 1024) -> pa.Table:
    """The bad rows inserted among the good ones, in order, at up to `places`
    random places (as in a real export, not all at the end)."""
    places = min(places, bad.num_rows)
    if places == 0:
        return good
    at = np.sort(rng.integers(0, good.num_rows + 1, places))
    cut = np.arange(places + 1) * bad.num_rows // places
    pieces, previous = [], 0
    for i, position in enumerate(at):
        pieces += [good.slice(previous, position - previous), bad.slice(cut[i], cut[i + 1] - cut[i])]
        previous = position
    return pa.concat_tables([*pieces, good.slice(previous)])


# --- output ----------------------------------------------------------------------

class CsvFile:
    """A CSV file written block by block like csv.writer: a header line, '\\n'
    line ends, quotes only around values that need them, nulls as ''."""

    def __init__(self, path: Path, columns: list):
        self.fh = open(path, "wb")  # noqa: SIM115 - open across blocks, closed by close()
        self.fh.write((",".join(columns) + "\n").encode())

    def write(self, table: pa.Table):
        if table.num_rows == 0:
            return
        cols = []
        for column in table.combine_chunks().columns:
            column = column.combine_chunks()
            special = pc.match_substring_regex(column, '[,"\r\n]')
            if pc.any(special).as_py():
                quoted = pc.binary_join_element_wise(
                    '"', pc.replace_substring(column, '"', '""'), '"', "")
                column = pc.if_else(special, quoted, column)
            cols.append(column)
        lines = pc.binary_join_element_wise(*cols, ",", null_handling="replace")
        lines = pc.binary_join_element_wise(lines, "", "\n")  # each line + '\n'
        _validity, offsets, data = lines.buffers()
        first, last = np.frombuffer(offsets, np.int32)[[lines.offset, lines.offset + len(lines)]]
        self.fh.write(memoryview(data)[first:last])

    def close(self):
        self.fh.close()


class ParquetFile:
    """A Parquet file of text columns, one row group per block."""

    def __init__(self, path: Path, schema: pa.Schema):
        import pyarrow.parquet as pq
        self.writer = pq.ParquetWriter(path, schema)

    def write(self, table: pa.Table):
        if table.num_rows:
            self.writer.write_table(table)

    def close(self):
        self.writer.close()


class Sink:
    """One output file per table, appended to in order."""

    def __init__(self, out: Path, fmt: str):
        out.mkdir(parents=True, exist_ok=True)
        self.files = {t: CsvFile(out / f"{t}.csv", COLUMNS[t]) if fmt == "csv"
                      else ParquetFile(out / f"{t}.parquet", SCHEMAS[t]) for t in COLUMNS}
        self.counts = dict.fromkeys(COLUMNS, 0)

    def write(self, table: str, data: pa.Table):
        self.files[table].write(data)
        self.counts[table] += data.num_rows

    def close(self):
        for f in self.files.values():
            f.close()


class Progress:
    """A one-line progress bar on stderr (runs of more than one block)."""

    def __init__(self, total: int, enabled: bool):
        self.total, self.enabled, self.started = total, enabled, time.perf_counter()

    def update(self, done: int, rows: int):
        if not self.enabled:
            return
        elapsed = time.perf_counter() - self.started
        filled = int(30 * done / self.total)
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {done:,}/{self.total:,} "
                         f"customers, {rows:,} rows, {elapsed:.0f} s, "
                         f"{rows / max(elapsed, 1e-9) / 1e6:.2f}M rows/s ")
        sys.stderr.flush()

    def close(self):
        if self.enabled:
            sys.stderr.write("\n")


def write_blocks(sink: Sink, seed: int, customers: int, bad_share: float):
    """Simulate the blocks in order on this thread, format them on a thread pool
    and write each table's blocks in order on that table's own thread."""
    bounds = [(c, min(c + BLOCK_CUSTOMERS, customers))
              for c in range(0, customers, BLOCK_CUSTOMERS)]
    progress = Progress(customers, enabled=len(bounds) > 1)

    def write(table, made):
        sink.write(table, made.result())

    with ExitStack() as stack:
        pool = stack.enter_context(ThreadPoolExecutor(FORMAT_THREADS))
        writers = {t: stack.enter_context(ThreadPoolExecutor(1)) for t in BLOCK_TABLES}
        in_flight, ids = deque(), Offsets()
        for index, (first, last) in enumerate(bounds):
            block = simulate_block(seed, index, first, last, customers)
            is_last = index == len(bounds) - 1
            done = [writers[t].submit(write, t, pool.submit(
                        format_table, t, block, ids, seed, bad_share, is_last))
                    for t in BLOCK_TABLES]
            ids = ids.after(block)
            in_flight.append((last, done))
            while len(in_flight) >= BLOCKS_IN_FLIGHT or (in_flight and is_last):
                finished, futures = in_flight.popleft()
                for f in futures:
                    f.result()
                progress.update(finished, sum(sink.counts.values()))
    progress.close()


def generate(out: Path, customers: int = 2000, seed: int = 20261124, fmt: str = "csv",
             bad_share: float = 0.01) -> dict:
    """Write the raw tables into `out`; returns the row count per table."""
    if customers < 1:
        raise ValueError("customers must be at least 1")
    if fmt not in ("csv", "parquet"):
        raise ValueError(f"unknown format {fmt!r}")
    sink = Sink(Path(out), fmt)
    try:
        sink.write("raw_survey_questions", questions_table(stream(seed, 1)))
        sink.write("raw_holidays", holidays_table())
        for name, data in schedule_tables().items():
            sink.write(name, data)
        write_blocks(sink, seed, customers, bad_share)
    finally:
        sink.close()
    return dict(sink.counts)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=20261124)
    parser.add_argument("--format", choices=["csv", "parquet"], default="csv")
    parser.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "seeds", "raw"))
    parser.add_argument("--bad-share", type=float, default=0.01)
    args = parser.parse_args(argv)
    counts = generate(Path(args.out), args.customers, args.seed, args.format, args.bad_share)
    for table, n in counts.items():
        print(f"{table}: {n} rows")


if __name__ == "__main__":
    main()
