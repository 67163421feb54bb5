"""Talking to meters: the DL/T 645-2007 codec, a TCP bus client and a meter simulator.

- :mod:`console.metering.dlt645` — frames, the stream parser, request/reply
  builders; re-exports the values (:mod:`.values`) and 1CH control data
  (:mod:`.remote_control`) so callers need one import. Pure: no I/O.
- :mod:`console.metering.transport` — :class:`MeterBus`, an asyncio client for
  one serial server (one host:port, many meters, one request at a time);
  failures are the MeterError family of :mod:`.errors`.
- :mod:`console.metering.simulator` — simulated meters behind TCP endpoints
  (load curves in :mod:`.load_model`, one meter in :mod:`.sim_meter`, the
  database's meters via :mod:`.sim_db`).
"""
