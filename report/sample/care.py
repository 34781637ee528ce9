"""One period of care: legal statuses, placement moves and end, merged into 903 episodes."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np

from report.sample.council import Council
from report.sample.dates import age_on, birthday
from report.sample.draws import chance, pick, uni
from report.sample.model import Child, Episode, Period, Placement, PlaceTimeline, Timeline
from report.sample.weights import CIN, FOSTER, MOVE_REASONS


class CareBuilder:
    """Turns a child, a start date and a pathway into a period of care with episodes."""

    def __init__(self, rng: np.random.Generator, council: Council) -> None:
        self.rng = rng
        self.c = council

    def _random_moves(
        self,
        child: Child,
        start: date,
        stop: date,
        first: Placement,
        home_post: str,
        rate_scale: float = 1.0,
    ) -> PlaceTimeline:
        """Placement moves (and long-term matches, temporary moves) from start until stop."""
        rng, c = self.rng, self.c
        tl: PlaceTimeline = [(start, first, "")]
        t = start
        cur = first
        since = start
        while True:
            age = age_on(child.dob, t)
            rate = (0.22 if age < 5 else 0.3 if age < 12 else 0.5) * rate_scale
            gap = max(21, int(rng.exponential(365.0 / rate)))
            nxt = t + timedelta(days=gap)
            # a long-term match (same carers) or a short temporary move may come first
            if cur.place in ("U6", "U3") and (nxt - since).days > 400 and chance(rng, 0.5):
                match = since + timedelta(days=uni(rng, 240, 540))
                if match < nxt - timedelta(days=30) and match < stop - timedelta(days=30):
                    new = Placement(
                        "U4" if cur.place == "U6" else "U1", cur.provider, cur.urn, cur.post
                    )
                    tl.append((match, new, "PLACE"))
                    cur = new
            if cur.place in FOSTER and chance(rng, 0.05 * gap / 365):
                tdate = t + timedelta(days=uni(rng, 30, max(31, gap - 30)))
                back = tdate + timedelta(days=uni(rng, 2, 10))
                if (
                    back < nxt - timedelta(days=14)
                    and back < stop - timedelta(days=14)
                    and tdate > tl[-1][0]
                ):
                    temp = c.placement(
                        pick(rng, {"T4": 70.0, "T3": 20.0, "T1": 10.0}), tdate, home_post
                    )
                    tl.append((tdate, temp, "OTHER"))
                    tl.append((back, cur, "OTHER"))
            if nxt >= stop - timedelta(days=14):
                break
            new = c.placement(c.next_place(age_on(child.dob, nxt)), nxt, home_post)
            tl.append((nxt, new, pick(rng, MOVE_REASONS)))
            cur, since, t = new, nxt, nxt
        return tl

    def _moves_from_first(
        self,
        child: Child,
        start: date,
        stop: date,
        pathway: str,
        home_post: str,
        rate_scale: float = 1.0,
    ) -> PlaceTimeline:
        """`_random_moves` from the first placement the pathway gives at the child's age."""
        first = self.c.placement(
            self.c.first_place(age_on(child.dob, start), pathway), start, home_post
        )
        return self._random_moves(child, start, stop, first, home_post, rate_scale)

    def _care_order_ls(self, start: date, end: date, emergency: float, v2_first: float) -> Timeline:
        rng = self.rng
        tl: Timeline = []
        t = start
        if chance(rng, emergency):
            tl.append((t, pick(rng, {"L1": 60.0, "L2": 40.0})))
            t = t + timedelta(days=uni(rng, 1, 8))
        if chance(rng, v2_first):
            tl.append((t, "V2"))
            t = t + timedelta(days=uni(rng, 20, 150))
        tl.append((t, "C1"))
        c2 = t + timedelta(days=uni(rng, 140, 330))
        if c2 < end - timedelta(days=20):
            tl.append((c2, "C2"))
        return [(d, s) for d, s in tl if d < end] or [(start, "V2")]

    def _rec_at_18(self, place: str) -> str:
        if place in FOSTER:
            return pick(
                self.rng, {"E17": 40.0, "E5": 25.0, "E13": 15.0, "E8": 10.0, "E4A": 5.0, "E6": 5.0}
            )
        if place in ("H5", "P2"):
            return pick(self.rng, {"E5": 55.0, "E6": 25.0, "E8": 15.0, "E13": 5.0})
        return pick(self.rng, {"E5": 40.0, "E7": 15.0, "E13": 20.0, "E8": 15.0, "E4A": 10.0})

    def period(self, child: Child, start: date, pathway: str) -> Period:
        """Plan one period of care: legal statuses, placements, end date and reason."""
        rng, c = self.rng, self.c
        age = age_on(child.dob, start)
        eighteen = birthday(child.dob, 18)
        home_post = "" if child.uasc else c.postcode(chance(rng, 0.93))
        cin = "N8" if pathway == "uasc" else "N6" if pathway == "yj" else pick(rng, CIN)
        ls: Timeline
        pl: PlaceTimeline
        rec: str
        if pathway == "brief":
            first = pick(
                rng, {"L1": 35.0, "L2": 15.0, "V2": 40.0, "J2": 10.0 if age >= 10 else 0.0}
            )
            days = {
                "L1": uni(rng, 1, 12),
                "L2": uni(rng, 2, 8),
                "V2": uni(rng, 1, 20),
                "J2": uni(rng, 1, 2),
            }[first]
            end = start + timedelta(days=days)
            ls = [(start, first)]
            if first == "L1" and days > 3:
                ls.append((start + timedelta(days=uni(rng, 1, 3)), "V2"))
            place = "K2" if age >= 12 and chance(rng, 0.35) else pick(rng, {"U6": 80.0, "U3": 20.0})
            pl = [(start, c.placement(place, start, home_post), "")]
            rec = (
                pick(rng, {"E8": 50.0, "E13": 50.0})
                if first == "J2"
                else pick(rng, {"E13": 35.0, "E4A": 35.0, "E4B": 15.0, "E8": 15.0})
            )
        elif pathway == "short":
            end = start + timedelta(days=uni(rng, 25, 240))
            kind = pick(rng, {"V2": 75.0, "EV": 10.0, "C1": 15.0})
            ls = (
                [(start, "V2")]
                if kind == "V2"
                else [(start, "C1")]
                if kind == "C1"
                else [
                    (start, pick(rng, {"L1": 60.0, "L2": 40.0})),
                    (start + timedelta(days=uni(rng, 1, 8)), "V2"),
                ]
            )
            pl = self._moves_from_first(child, start, end, pathway, home_post)
            rec = pick(
                rng,
                {
                    "E4A": 55.0,
                    "E13": 18.0,
                    "E4B": 10.0,
                    "E8": 10.0,
                    "E3": 4.0,
                    "E16": 1.0,
                    "E41": 2.0 if kind == "C1" else 0.0,
                },
            )
        elif pathway in ("home", "sgo"):
            dur = uni(rng, 240, 1100) if pathway == "home" else uni(rng, 270, 900)
            end = start + timedelta(days=dur)
            ls = self._care_order_ls(start, end, 0.15, 0.25)
            if pathway == "home" and ls[-1][1] in ("C1", "C2") and chance(rng, 0.55):
                p1 = end - timedelta(days=uni(rng, 90, max(91, min(700, dur - 60))))
                pl = self._moves_from_first(child, start, p1, pathway, home_post)
                pl.append((p1, c.placement("P1", p1, home_post), "CARPL"))
                rec = pick(rng, {"E4A": 80.0, "E13": 20.0})
            elif pathway == "home":
                pl = self._moves_from_first(child, start, end, pathway, home_post)
                rec = pick(rng, {"E4A": 60.0, "E13": 20.0, "E41": 12.0, "E3": 3.0, "E4B": 5.0})
            else:
                if chance(rng, 0.5):
                    pl = [(start, c.placement("U3", start, home_post), "")]
                else:
                    kin = start + timedelta(days=int(dur * rng.uniform(0.25, 0.5)))
                    pl = self._moves_from_first(child, start, kin, pathway, home_post)
                    pl.append((kin, c.placement("U3", kin, home_post), "CARPL"))
                last = pl[-1][1].place
                rec = (
                    pick(rng, {"E45": 85.0, "E47": 15.0})
                    if last in ("U1", "U3")
                    else pick(rng, {"E46": 60.0, "E48": 40.0})
                )
        elif pathway == "adoption":
            if age < 1 and chance(rng, 0.05):  # relinquished baby, placed with consent
                place_date = start + timedelta(days=uni(rng, 20, 90))
                end = place_date + timedelta(days=uni(rng, 150, 300))
                ls = [(start, "V2")]
                pl = [
                    (start, c.placement("U6", start, home_post), ""),
                    (place_date, c.placement("A4", place_date, home_post), "CARPL"),
                ]
                rec = "E11"
            else:
                ls = self._care_order_ls(start, start + timedelta(days=3000), 0.1, 0.15)
                po = start + timedelta(days=uni(rng, 250, 500))
                ls = [(d, s) for d, s in ls if d < po - timedelta(days=20)] + [(po, "E1")]
                place_date = po + timedelta(days=uni(rng, 60, 330))
                carer = c.placement(c.first_place(age, pathway), start, home_post)
                if chance(
                    rng, 0.25
                ):  # no adopters found: stays in foster care on the placement order
                    end = po + timedelta(days=int(365 * (1.0 + rng.exponential(6.0))))
                    pl = self._random_moves(child, start, min(end, eighteen), carer, home_post)
                    rec = pick(rng, {"E46": 45.0, "E45": 25.0, "E41": 15.0, "E4A": 15.0})
                else:
                    end = place_date + timedelta(days=uni(rng, 120, 420))
                    pl = self._random_moves(child, start, place_date, carer, home_post, 0.6)
                    cur = pl[-1][1]
                    if cur.place in ("U5", "U6", "U4") and (cur.place == "U5" or chance(rng, 0.1)):
                        pl.append(
                            (place_date, Placement("A5", "PR1", "XXXXXXX", cur.post), "PLACE")
                        )
                    else:
                        pl.append((place_date, c.placement("A6", place_date, home_post), "CARPL"))
                    rec = pick(rng, {"E11": 60.0, "E12": 40.0})
        elif pathway == "uasc":
            kind = pick(rng, {"18": 85.0, "E15": 6.0, "E8": 5.0, "E3": 4.0})
            end = {
                "18": eighteen,
                "E15": start + timedelta(days=uni(rng, 20, 150)),
                "E8": start + timedelta(days=uni(rng, 30, 400)),
                "E3": start + timedelta(days=uni(rng, 5, 40)),
            }[kind]
            ls = [(start, "V2")]
            pl = self._moves_from_first(child, start, min(end, eighteen), pathway, home_post, 0.8)
            sixteen = birthday(child.dob, 16) + timedelta(days=uni(rng, 60, 240))
            if (
                pl[-1][1].place == "U6"
                and pl[-1][0] < sixteen < end - timedelta(days=60)
                and chance(rng, 0.4)
            ):
                pl.append(
                    (
                        sixteen,
                        c.placement(pick(rng, {"H5": 75.0, "P2": 25.0}), sixteen, home_post),
                        "CARPL",
                    )
                )
            rec = kind if kind != "18" else ""
        elif pathway == "yj":
            if chance(rng, 0.85):
                ls = [(start, "J1")]
                end = start + timedelta(days=uni(rng, 10, 150))
                place = pick(rng, {"K1": 30.0, "R5": 25.0, "U6": 25.0, "K2": 20.0})
                rec = pick(rng, {"E14": 50.0, "E9": 30.0, "E13": 20.0})
            else:
                ls = [(start, "J3")]
                end = start + timedelta(days=uni(rng, 90, 240))
                place = pick(rng, {"K2": 60.0, "U6": 40.0})
                rec = pick(rng, {"E13": 60.0, "E4A": 30.0, "E8": 10.0})
            pl = [(start, c.placement(place, start, home_post), "")]
        else:  # long
            end = start + timedelta(days=int(365 * (1.0 + rng.exponential(7.0))))
            if age >= 12 and chance(rng, 0.4):
                ls = [(start, "V2")]
            else:
                ls = self._care_order_ls(start, min(end, eighteen), 0.1, 0.2)
            stop = min(end, eighteen)
            pl = self._moves_from_first(child, start, stop, pathway, home_post)
            sixteen = birthday(child.dob, 16) + timedelta(days=uni(rng, 120, 420))
            if (
                pl[-1][1].place not in ("H5", "P2")
                and pl[-1][0] < sixteen < stop - timedelta(days=60)
                and chance(rng, 0.3)
            ):
                pl.append(
                    (
                        sixteen,
                        c.placement(pick(rng, {"H5": 75.0, "P2": 25.0}), sixteen, home_post),
                        "CARPL",
                    )
                )
            if (
                end < eighteen and ls[-1][1] == "C2" and chance(rng, 0.2)
            ):  # home on a care order first
                p1 = end - timedelta(days=uni(rng, 180, 720))
                if p1 > start + timedelta(days=365) and p1 > pl[-1][0]:
                    pl.append((p1, c.placement("P1", p1, home_post), "CARPL"))
            if end < eighteen and pl[-1][1].place == "P1":
                rec = pick(rng, {"E4A": 70.0, "E13": 30.0})
            elif end < eighteen:
                end_age = age_on(child.dob, end)
                rec = pick(
                    rng,
                    {
                        "E45": 12.0,
                        "E46": 13.0,
                        "E41": 10.0,
                        "E4A": 30.0,
                        "E13": 15.0,
                        "E3": 5.0,
                        "E8": 10.0,
                        "E9": 5.0 if end_age >= 14 else 0.0,
                    },
                )
            else:
                rec = ""
        if pathway in ("short", "home", "sgo", "long"):
            pl = self._move_with_order(child, ls, pl, min(end, eighteen), home_post)
        # the 18th birthday ends every period
        if end >= eighteen:
            end = eighteen
            rec = ""
        ls = [(d, s) for d, s in ls if d < end] or [(start, "V2")]
        pl = [(d, p, r) for d, p, r in pl if d < end]
        if not rec:
            rec = self._rec_at_18(pl[-1][1].place)
        period = Period(start=start, end=end, rec=rec, pathway=pathway)
        period.episodes = self._merge(period, ls, pl, cin, home_post)
        return period

    def _move_with_order(
        self, child: Child, ls: Timeline, pl: PlaceTimeline, end: date, home_post: str
    ) -> PlaceTimeline:
        """Some changes of legal status come with a move on the same day (RNE T)."""
        for d, _ in ls[1:]:
            later = [r for pd_, _, r in pl if pd_ > d]
            if (
                d < end - timedelta(days=14)
                and "PLACE" not in later
                and chance(self.rng, 0.2)
                and all(abs((d - pd_).days) > 21 for pd_, _, _ in pl)
            ):
                new = self.c.placement(self.c.next_place(age_on(child.dob, d)), d, home_post)
                pl = sorted(
                    [*pl, (d, new, pick(self.rng, {"CARPL": 70.0, "CREQB": 15.0, "OTHER": 15.0}))],
                    key=lambda x: x[0],
                )
        return pl

    @staticmethod
    def _merge(
        period: Period, ls: Timeline, pl: PlaceTimeline, cin: str, home_post: str
    ) -> list[Episode]:
        ls_at = dict(ls)
        pl_at = {d: (p, r) for d, p, r in pl}
        dates = sorted(set(ls_at) | set(pl_at))
        eps: list[Episode] = []
        cur_ls, cur_pl = ls[0][1], pl[0][1]
        for i, d in enumerate(dates):
            new_ls = ls_at.get(d, cur_ls)
            new_pl, reason = pl_at.get(d, (cur_pl, ""))
            ls_changed, pl_changed = i > 0 and new_ls != cur_ls, i > 0 and new_pl != cur_pl
            if i > 0 and not ls_changed and not pl_changed:
                continue
            rne = (
                "S" if i == 0 else "T" if ls_changed and pl_changed else "L" if ls_changed else "P"
            )
            if eps:
                eps[-1].dec, eps[-1].rec = d, "X1"
            eps.append(
                Episode(
                    decom=d,
                    dec=period.end,
                    rne=rne,
                    ls=new_ls,
                    cin=cin,
                    placement=new_pl,
                    rec=period.rec,
                    reason=reason if rne in ("P", "T") else "",
                    home_post=home_post,
                )
            )
            cur_ls, cur_pl = new_ls, new_pl
        return eps
