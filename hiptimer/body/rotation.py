"""Rotation matrices and vectors in three dimensions, small enough to need no library."""

from __future__ import annotations

import math

Vector = tuple[float, float, float]
Matrix = tuple[Vector, Vector, Vector]
"""Rows of a 3x3 matrix."""

IDENTITY: Matrix = ((1.0, 0.0, 0.0), (0.0, 1.0, 0.0), (0.0, 0.0, 1.0))


def about_x(degrees: float) -> Matrix:
    c, s = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
    return ((1.0, 0.0, 0.0), (0.0, c, -s), (0.0, s, c))


def about_y(degrees: float) -> Matrix:
    c, s = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
    return ((c, 0.0, s), (0.0, 1.0, 0.0), (-s, 0.0, c))


def about_z(degrees: float) -> Matrix:
    c, s = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
    return ((c, -s, 0.0), (s, c, 0.0), (0.0, 0.0, 1.0))


def times(a: Matrix, b: Matrix) -> Matrix:
    """``a`` then, in ``a``'s own frame, ``b`` (the matrix product a·b)."""
    def row(i: int) -> Vector:
        return (sum(a[i][k] * b[k][0] for k in range(3)),
                sum(a[i][k] * b[k][1] for k in range(3)),
                sum(a[i][k] * b[k][2] for k in range(3)))
    return (row(0), row(1), row(2))


def apply(m: Matrix, v: Vector) -> Vector:
    return (m[0][0] * v[0] + m[0][1] * v[1] + m[0][2] * v[2],
            m[1][0] * v[0] + m[1][1] * v[1] + m[1][2] * v[2],
            m[2][0] * v[0] + m[2][1] * v[1] + m[2][2] * v[2])


def columns(x: Vector, y: Vector, z: Vector) -> Matrix:
    """The matrix that takes the unit axes to ``x``, ``y`` and ``z``."""
    return ((x[0], y[0], z[0]), (x[1], y[1], z[1]), (x[2], y[2], z[2]))


def add(a: Vector, b: Vector) -> Vector:
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2])


def minus(a: Vector, b: Vector) -> Vector:
    return (a[0] - b[0], a[1] - b[1], a[2] - b[2])


def scaled(v: Vector, k: float) -> Vector:
    return (v[0] * k, v[1] * k, v[2] * k)


def dot(a: Vector, b: Vector) -> float:
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]


def length(v: Vector) -> float:
    return math.sqrt(dot(v, v))


def angle_between(a: Vector, b: Vector) -> float:
    """Degrees between two vectors (0 to 180)."""
    cosine = dot(a, b) / (length(a) * length(b))
    return math.degrees(math.acos(max(-1.0, min(1.0, cosine))))
