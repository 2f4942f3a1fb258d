"""Erlang C: the textbook M/M/c queue, for the planner's first estimate and as a test anchor.

With arrival rate λ, service rate μ per server, c servers and offered load a = λ/μ < c:

    C(c, a) = [aᶜ/c! · c/(c − a)] / [Σₖ₌₀^{c−1} aᵏ/k! + aᶜ/c! · c/(c − a)]   (P(wait > 0))
    Wq      = C(c, a) / (cμ − λ)                                            (mean wait)
    P(W > t) = C(c, a) · e^{−(cμ − λ)t}                                     (wait tail)

:func:`erlang_c` computes C through the Erlang B recursion B₀ = 1,
Bₖ = a·Bₖ₋₁ / (k + a·Bₖ₋₁), C = c·B / (c − a(1 − B)), which equals the formula above and
stays finite for hundreds of servers where aᶜ/c! would overflow.
"""

from __future__ import annotations

import math

from hallapp.core.errors import ValidationError


def _check(lam: float, mu: float, c: int) -> None:
    if lam < 0 or mu <= 0 or c < 1:
        raise ValidationError(f"Erlang C 参数无效：λ={lam}, μ={mu}, c={c}", field="erlang")


def erlang_b(c: int, a: float) -> float:
    b = 1.0
    for k in range(1, c + 1):
        b = a * b / (k + a * b)
    return b


def erlang_c(lam: float, mu: float, c: int) -> float:
    """P(an arrival waits); 1.0 when the queue is unstable (λ ≥ cμ)."""
    _check(lam, mu, c)
    a = lam / mu
    if a >= c:
        return 1.0
    b = erlang_b(c, a)
    return c * b / (c - a * (1 - b))


def erlang_c_direct(lam: float, mu: float, c: int) -> float:
    """The textbook formula term by term (for small c; the tests compare both)."""
    _check(lam, mu, c)
    a = lam / mu
    if a >= c:
        return 1.0
    top = a ** c / math.factorial(c) * c / (c - a)
    return top / (sum(a ** k / math.factorial(k) for k in range(c)) + top)


def mean_wait(lam: float, mu: float, c: int) -> float:
    """Wq in the time unit of 1/μ; infinite when unstable."""
    if lam >= c * mu:
        return math.inf
    return erlang_c(lam, mu, c) / (c * mu - lam)


def wait_exceeds(lam: float, mu: float, c: int, t: float) -> float:
    """P(W > t)."""
    if lam >= c * mu:
        return 1.0
    return erlang_c(lam, mu, c) * math.exp(-(c * mu - lam) * t)


def wait_quantile(lam: float, mu: float, c: int, q: float = 0.9) -> float:
    """The q-quantile of the wait (0 when fewer than 1 − q of arrivals wait)."""
    if lam >= c * mu:
        return math.inf
    pw = erlang_c(lam, mu, c)
    if pw <= 1 - q:
        return 0.0
    return math.log(pw / (1 - q)) / (c * mu - lam)


def servers_for(lam: float, mu: float, target: float, q: float = 0.9,
                most: int = 500) -> int:
    """Fewest servers whose q-quantile wait is ≤ ``target`` (0 when nobody arrives)."""
    if lam <= 0:
        return 0
    c = max(1, math.floor(lam / mu) + 1)
    while c < most and wait_quantile(lam, mu, c, q) > target:
        c += 1
    return c
