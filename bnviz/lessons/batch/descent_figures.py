"""The three descents of "Inside a batch" on the cost map, in 3D, and cost per step."""

from __future__ import annotations

from bnviz.core.descent import Trajectory
from bnviz.core.quadratic import Surface
from bnviz.i18n import N_, _, ngettext
from bnviz.lessons.batch.minibatch import MiniRuns
from bnviz.lessons.batch.text import LABELS, cost_headline, descent_headline
from bnviz.lessons.common.text import listed
from bnviz.plotting import style
from bnviz.plotting.contour import contour
from bnviz.plotting.lines import Run, cost_curves, outcome_marks
from bnviz.plotting.paths import PathArt, evenly, path_art
from bnviz.plotting.style import PALETTE
from bnviz.plotting.surface import surface3d

# Points per drawn path: frames carry paths, so three noisy paths must be thinned harder
# than the single smooth path per chart of "Valley vs bowl" (bytes = frames x points).
MAX_POINTS = 90
_AXES = (N_("w1 (slope of A)"), N_("w2 (slope of B)"))
# The runs' names on the cost chart's marks ("raw diverged"): short, the legend has the rest.
MARK_NAMES = {"raw": N_("raw"), "standardized": N_("standardized"), "batchnorm": N_("batchnorm")}
# The three runs' legend above the map: their long names take three rows on a phone.
LEGEND_ROWS = 3
# The map and the surface side by side, tall enough for the headline and legend above.
HEIGHT = 560


def _art(name: str, t: Trajectory, surf: Surface) -> PathArt:
    # A diverging path leaves every window: draw it while it is near enough to see. A noisy
    # stable one may stray past the view and come back: it is drawn whole.
    return path_art(_(LABELS[name]), t.weights[:, :2], t.cost, color=PALETTE[name],
                    view=surf if t.status == "diverged" else None,
                    thin=lambda last: evenly(last + 1, MAX_POINTS))


def descent_figures(runs: MiniRuns, map2d: Surface, map3d: Surface) -> dict[str, dict]:
    """Contour map and 3D surface of the best-intercept cost with the three paths, and the
    cost of each run per step."""
    f_star = runs.profile.f_star
    cmap = contour(map2d, [_art(k, t, map2d) for k, t in runs.runs.items()], f_star=f_star,
                   axis_titles=(_(_AXES[0]), _(_AXES[1])), height=HEIGHT)
    style.dress(cmap, descent_headline(runs), legend_rows=LEGEND_ROWS)
    # Symbols only on the 3D axes: a scene cuts long axis titles off on a phone.
    surf = surface3d(map3d, [_art(k, t, map3d) for k, t in runs.runs.items()],
                     axis_titles=("w1", "w2"), height=HEIGHT)
    style.dress(surf, surface_headline(runs))
    style.below_scene(surf)
    surf["layout"]["showlegend"] = False  # the map's legend names the same colours
    return {"map": cmap, "surface": surf, "cost": cost_figure(runs)}


def surface_headline(runs: MiniRuns) -> str:
    """The 3D chart's headline: which runs diverged (their paths leave the surface), else how
    to read a path above it."""
    gone = [k for k, t in runs.runs.items() if t.status == "diverged"]
    if not gone:
        return _("The same paths in 3D: a path above the surface has not yet found its best "
                 "intercept")
    if len(gone) == len(runs.runs):
        return _("The same paths in 3D: every run diverges and leaves the surface")
    names = listed([_(MARK_NAMES[k]) for k in gone])
    return ngettext("The same paths in 3D: {runs} diverges and leaves the surface; a path above "
                    "it has not yet found its best intercept",
                    "The same paths in 3D: {runs} diverge and leave the surface; a path above "
                    "it has not yet found its best intercept", len(gone)).format(runs=names)


def cost_figure(runs: MiniRuns) -> dict:
    """Cost of each run on all rows per step, marked where it diverged or reached the
    tolerance (a mark names its run by the short key, the legend by the full label)."""
    paths = [PathArt(name=_(LABELS[k]), weights=t.weights, cost=t.cost, color=PALETTE[k])
             for k, t in runs.runs.items()]
    marks = outcome_marks([Run(_(MARK_NAMES[k]), t, PALETTE[k]) for k, t in runs.runs.items()],
                          diverged=_("diverged"), reached=_("at tolerance"))
    return style.dress(cost_curves(paths, y_title=_("cost on all rows (log)"), marks=marks,
                                   height=340),
                       cost_headline(runs))
