"""Serialize a figure dict to JSON, numpy arrays as plotly.js typed arrays (binary, base64).

The typed-array spec ``{"dtype", "bdata", "shape"}`` and its dtype codes are plotly's own
(``_plotly_utils.utils``). Arrays of a dtype plotly.js has go out directly: plotly's
``to_typed_array_spec`` copies every array through narwhals first, about 70 µs per array,
and a page sends thousands of small ones (frames x traces x coordinates): 38 ms instead of
8 ms for the valley page's figures. For 64-bit integers, which plotly.js has no typed array
for, plotly's function is used: it casts to the narrowest integer type that holds every
value, and leaves an array that fits none, which then goes as a plain list.
"""

from __future__ import annotations

import base64
import json
from typing import Any

import numpy as np
from _plotly_utils.utils import plotlyjsShortTypes, to_typed_array_spec

_DTYPE_OF_CODE = {code: np.dtype(name) for name, code in plotlyjsShortTypes.items()}
# Keyed by the dtype itself: ``dtype.name`` is built anew on each call (4 µs), and a race's
# figures hold 1600 arrays.
_CODE_OF_DTYPE = {dtype: code for code, dtype in _DTYPE_OF_CODE.items()}
_WIDE_INTEGERS = frozenset({np.dtype(np.int64), np.dtype(np.uint64)})


def _spec(a: np.ndarray) -> dict | None:
    """The typed-array spec of ``a``, or None when plotly.js has no typed array for it."""
    code = _CODE_OF_DTYPE.get(a.dtype)
    if code is None or a.size == 0:
        return None
    spec = {"dtype": code, "bdata": base64.b64encode(np.ascontiguousarray(a).data).decode()}
    if a.ndim > 1:
        spec["shape"] = ",".join(str(s) for s in a.shape)
    return spec


def _default(obj: Any) -> Any:
    if isinstance(obj, np.ndarray):
        if obj.dtype in _WIDE_INTEGERS:
            narrowed = to_typed_array_spec(obj)
            return narrowed if isinstance(narrowed, dict) else obj.tolist()
        spec = _spec(obj)
        return spec if spec is not None else obj.tolist()
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
        arr = np.frombuffer(base64.b64decode(spec["bdata"]), dtype=_DTYPE_OF_CODE[spec["dtype"]])
        if "shape" in spec:
            arr = arr.reshape([int(s) for s in str(spec["shape"]).split(",")])
        return arr
    return np.asarray(spec)
