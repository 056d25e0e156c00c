"""Scoring against gold (SPEC section 6) and the keyword baseline.

This package depends on `hrevents_models` only, never on the extractor, so the numbers
it prints cannot be bent by the code they judge.
"""
