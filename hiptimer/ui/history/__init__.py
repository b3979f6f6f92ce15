"""The history and progress windows, with the range-of-motion chart and self-test."""
