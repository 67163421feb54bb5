"""Talking to meters: the DL/T 645-2007 codec, a TCP bus client and a meter simulator.

- :mod:`console.metering.dlt645` — frames, values and 1CH control data (pure).
- :mod:`console.metering.transport` — :class:`MeterBus`, an asyncio client for
  one serial server (one host:port, many meters, one request at a time).
- :mod:`console.metering.simulator` — a fleet of simulated meters behind TCP
  endpoints, for the demo, tests and benchmarks.
"""
