"""Text columns of the engine's tables built from a few choices (no Python object per row)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd


def text_choices(choices: Sequence[str], indices: np.ndarray) -> pd.api.extensions.ExtensionArray:
    """``choices[indices]`` as pandas text (the ``str`` dtype a DataFrame infers for texts).

    Examples
    --------
    >>> list(text_choices(["A", "B", ""], np.array([1, 0, 2])))
    ['B', 'A', '']
    """
    return pd.array(list(choices), dtype="str").take(np.asarray(indices, dtype=np.intp))
