"""Fitted coefficients of the sentence scorer (written by bench/summarize_fit.py)."""

COEFFICIENTS: tuple[float, ...] = (
    0.2086,  # lexical
    0.2791,  # phrases
    -0.268,  # directed
    0.4607,  # forward
    0.3482,  # undirected
    -0.4899,  # centroid
    0.1365,  # frequency
    -0.0361,  # pairs
    -0.4318,  # content
    0.2795,  # attributed
    0.0053,  # lede
    -0.038,  # echo
    0.303,  # repeats
    0.0677,  # digits
    0.1142,  # names
    -0.1072,  # quote
    -0.2475,  # length
    -0.4377,  # length^2
    0.4036,  # length30
    0.0576,  # short
    -0.6908,  # long
    -0.0558,  # first
    0.0168,  # second
    -0.0308,  # third
    -0.0329,  # fourth
    0.0163,  # fifth
    0.1985,  # early
    0.3323,  # index
    2.0004,  # length*lexical
    1.4754,  # length*frequency
    0.4118,  # length*phrases
    0.3938,  # length*directed
    -0.1792,  # length*centroid
    -0.2901,  # length*pairs
)
