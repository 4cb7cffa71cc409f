"""Divergence: each side's account as points, aligned across sides and documents; disputes, agreements, compare."""
