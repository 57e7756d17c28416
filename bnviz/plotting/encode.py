"""Serialize a figure dict to JSON, numpy arrays as plotly.js typed arrays (binary, base64)."""

from __future__ import annotations

import base64
import json
from typing import Any

import numpy as np

_DTYPES = {"float64": "f8", "float32": "f4", "int32": "i4", "int16": "i2", "int8": "i1",
           "uint8": "u1", "uint16": "u2", "uint32": "u4"}


def _default(obj: Any) -> Any:
    if isinstance(obj, np.ndarray):
        if obj.dtype == np.int64:
            obj = obj.astype(np.int32)
        code = _DTYPES.get(str(obj.dtype))
        if code is None or obj.size == 0:
            return obj.tolist()
        spec = {"dtype": code, "bdata": base64.b64encode(np.ascontiguousarray(obj)).decode()}
        if obj.ndim > 1:
            spec["shape"] = ",".join(str(s) for s in obj.shape)
        return spec
    if isinstance(obj, np.generic):
        return obj.item()
    raise TypeError(f"cannot encode {type(obj).__name__}")


def to_json(fig: dict) -> str:
    """JSON text of ``fig``; numpy arrays become ``{"dtype", "bdata", "shape"}`` specs.

    Non-finite floats must not reach this point inside plain lists (JSON has no NaN); inside
    numpy arrays they travel as IEEE bits and plotly.js treats them as gaps.
    """
    return json.dumps(fig, default=_default, separators=(",", ":"), allow_nan=False)


def decode_array(spec: Any) -> np.ndarray:
    """Inverse of the array encoding, for tests: a typed-array spec or a list to ndarray."""
    if isinstance(spec, dict) and "bdata" in spec:
        inverse = {v: k for k, v in _DTYPES.items()}
        arr = np.frombuffer(base64.b64decode(spec["bdata"]), dtype=inverse[spec["dtype"]])
        if "shape" in spec:
            arr = arr.reshape([int(s) for s in str(spec["shape"]).split(",")])
        return arr
    return np.asarray(spec)
