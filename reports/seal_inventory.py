"""Seal inventory and movements (封印库存与流转): seals held per unit and state, moves in the
range by unit and by installer, and every move."""

from __future__ import annotations

from console.models.enums import SealPosition, SealState
from console.services.report_data.types import SealInventoryData
from reports.layout import Column, data_table, days, local, no_data, render_document, styles
from reports.safe_text import paragraph
from reports.vocabulary import name_of
from reports.words import words

WORDS = ({
    "seal_inventory": "封印库存与流转报表", "stock": "封印库存（按单位及状态，当前）",
    "moves_by_unit": "期间流转（按单位及去向状态）", "by_installer": "装拆人员统计",
    "installed": "安装", "removed": "拆除", "person": "人员", "moves": "流转明细",
    "seal_no": "封印编号", "from_state": "原状态", "to_state": "新状态", "position": "位置",
    "time": "时间", "seal_note": "封印数据尚少：本期间无封印流转记录。",
}, {
    "seal_inventory": "Seal inventory and movements", "stock": "Seals held (by unit and state, now)",
    "moves_by_unit": "Moves in the period (by unit and new state)", "by_installer": "By installer",
    "installed": "Installed", "removed": "Removed", "person": "Person", "moves": "Moves",
    "seal_no": "Seal no.", "from_state": "From", "to_state": "To", "position": "Position",
    "time": "Time", "seal_note": "Little seal data yet: no seal moved in this period.",
})


def render_seal_inventory(data: SealInventoryData, *, lang: str = "zh") -> bytes:
    w, st = words(lang, WORDS), styles()
    first, last = days(data.header)
    story = [paragraph(w["stock"], st["section"]), _stock(data, w, lang),
             paragraph(w["moves_by_unit"], st["section"])]
    if data.moves:
        story += [_by_unit(data, w, lang), paragraph(w["by_installer"], st["section"]),
                  _installers(data, w), paragraph(w["moves"], st["section"]), _moves(data, w, lang)]
    else:
        story.append(no_data(w["seal_note"]))
    return render_document(data.header, w, w["seal_inventory"], story, landscape=True,
                           scope=f"{w['period']}{w['colon']}{first:%Y-%m-%d} — {last:%Y-%m-%d}")


def _stock(data: SealInventoryData, w, lang: str) -> object:
    if not data.stock:
        return no_data(w["no_data"])
    width = (269 - 60 - 24) / len(data.states)
    cols = [Column(w["unit"], 60), *[Column(name_of(lang, SealState, s), width, "R")
                                     for s in data.states], Column(w["total"], 24, "R")]
    rows = [[unit, *[f"{n:,}" for n in counts], f"{sum(counts):,}"] for unit, counts in data.stock]
    sums = [sum(c[i] for _u, c in data.stock) for i in range(len(data.states))]
    return data_table(cols, rows, totals=[w["total"], *[f"{n:,}" for n in sums], f"{sum(sums):,}"])


def _by_unit(data: SealInventoryData, w, lang: str) -> object:
    rows = [[u, name_of(lang, SealState, s), str(n)] for u, s, n in data.moves_by_unit]
    return data_table([Column(w["unit"], 70), Column(w["to_state"], 40, "C"),
                       Column(w["count"], 30, "R")], rows,
                      totals=[w["total"], "", str(sum(n for *_x, n in data.moves_by_unit))])


def _installers(data: SealInventoryData, w) -> object:
    if not data.installers:
        return no_data(w["no_data"])
    return data_table([Column(w["person"], 50), Column(w["installed"], 30, "R"),
                       Column(w["removed"], 30, "R")],
                      [[who or "—", str(a), str(b)] for who, a, b in data.installers])


def _moves(data: SealInventoryData, w, lang: str) -> object:
    cols = [Column(w["time"], 30, "C"), Column(w["seal_no"], 52), Column(w["from_state"], 26, "C"),
            Column(w["to_state"], 26, "C"), Column(w["unit"], 46), Column(w["person"], 24),
            Column(w["meter"], 45), Column(w["position"], 20, "C")]
    rows = [[local(m.at), m.seal_no, name_of(lang, SealState, m.from_state),
             name_of(lang, SealState, m.to_state), m.unit_name, m.actor, m.meter_no,
             name_of(lang, SealPosition, m.position)] for m in data.moves]
    return data_table(cols, rows, font_size=7.5)
