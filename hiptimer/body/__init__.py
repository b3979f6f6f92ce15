"""One body, built from a model: segment lengths, joint angles, where each joint is, and how
the figure files that pose it for each exercise are read. Plain Python, no Qt."""
