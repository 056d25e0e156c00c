"""Weights trained at development time (scripts/train_candidates.py), shipped as package data."""
