"""Tests of the work-order services: the state machine, staff lists, satisfaction."""
