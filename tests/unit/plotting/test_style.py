"""The house's colours."""

from bnviz.plotting import style


def test_rgba_reads_a_hex_colour():
    assert style.rgba("#e4572e", 0.25) == "rgba(228,87,46,0.25)"


def test_few_to_many_runs_from_bright_to_dark_viridis():
    assert style.FEW_TO_MANY[0] == "#fde725" and style.FEW_TO_MANY[-1] == "#440154"


def test_roles_and_pairs_are_told_apart():
    assert len(set(style.PALETTE.values())) == len(style.PALETTE)
    assert style.PAIR[0] != style.PAIR[1] and style.NOT_REACHED != style.DIVERGED
