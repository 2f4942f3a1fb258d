"""The hall day simulator and staffing planner (pure model, no database).

* :mod:`~hallapp.core.sim.profile` – the parameters of a hall day (arrivals by hour, item
  mix, shares, service times, decisions) and their JSON form (``sim_profile.json``);
* :mod:`~hallapp.core.sim.arrivals` – applicants of one day drawn from a profile;
* :mod:`~hallapp.core.sim.winplan` – which windows (work profiles) are open each hour,
  and the ``PLAN.json`` format;
* :mod:`~hallapp.core.sim.heads` – waiting tickets per queue in heaps, passing only queue
  heads to the real :func:`hallapp.core.queue_rules.choose_next`;
* :mod:`~hallapp.core.sim.engine` – the fast engine on a SimPy virtual clock;
* :mod:`~hallapp.core.sim.stats` – figures per queue and hour with 95 % confidence intervals;
* :mod:`~hallapp.core.sim.runner` – many runs of a plan, summarised (``simulate run``);
* :mod:`~hallapp.core.sim.erlang` – Erlang C (textbook M/M/c) for first estimates;
* :mod:`~hallapp.core.sim.planner` – windows per hour to keep p90 waits under target;
* :mod:`~hallapp.core.sim.fit` – fitting a profile to a hall's stored history;
* :mod:`~hallapp.core.sim.live` – the live driver's schedule, played through a port that
  the service layer implements with the real services.
"""
