"""Tests of the seal services: lifecycle, scans, labels and the seals CLI."""
