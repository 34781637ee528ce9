"""local/feedback.csv: what children, parents, carers and professionals said of reviews."""

# Feedback questions used in local/feedback.csv (for config.yaml; positive answer: "Yes"):
#   Q1  "Did your IRO speak with you before the review?"
#   Q2  "Did you feel listened to at the review?"
#   Q3  "Did you understand what was decided at the review?"
#   Q4  "Was the review helpful?"
# Answers are "Yes", "Partly" or "No". Respondents: CHILD, PARENT, CARER, PROFESSIONAL.
# Sources: "Review feedback form", "Mind of My Own app", "Survey".

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import numpy as np

from report.sample.dates import LAST_YEAR, age_on, fmt, wd_forward, working_days
from report.sample.draws import chance, pick, uni
from report.sample.files import local_columns, write_csv
from report.sample.model import Child
from report.sample.weights import ANSWERS, MOMO_SHARE, QUESTIONS


def write_feedback(local: Path, rng: np.random.Generator, cla: list[Child]) -> None:
    responses: list[tuple[date, str, str, str, list[tuple[str, str]]]] = []

    def answers() -> list[tuple[str, str]]:
        return [(q, pick(rng, ANSWERS[q])) for q in QUESTIONS if chance(rng, 0.95)]

    for fy in range(LAST_YEAR - 2, LAST_YEAR):
        y0, y1 = date(fy, 4, 1), date(fy + 1, 3, 31)
        by_child: dict[str, list[date]] = {}
        for ch in cla:
            for p in ch.periods:
                for r in p.reviews:
                    if y0 <= r <= y1 and age_on(ch.dob, r) >= 6:
                        by_child.setdefault(ch.child_id, []).append(r)
        eligible = sorted(by_child)
        target = min(len(eligible), int(rng.normal(120, 8)))
        for idx in sorted(int(i) for i in rng.choice(len(eligible), size=target, replace=False)):
            cid = eligible[idx]
            dates = by_child[cid]
            picks = [dates[uni(rng, 0, len(dates) - 1)]]
            if len(dates) > 1 and chance(rng, 0.15):
                picks = sorted({*picks, dates[uni(rng, 0, len(dates) - 1)]})
            for r in picks:
                when = min(wd_forward(r + timedelta(days=uni(rng, 0, 10))), y1)
                momo = MOMO_SHARE.get(fy, 0.4) * 100
                source = pick(
                    rng,
                    {
                        "Review feedback form": 92.0 - momo,
                        "Mind of My Own app": momo,
                        "Survey": 8.0,
                    },
                )
                responses.append((when, source, "CHILD", cid, answers()))
        days = working_days(y0, y1)
        for who, mean in (("PARENT", 45.0), ("CARER", 55.0), ("PROFESSIONAL", 35.0)):
            for _ in range(int(rng.poisson(mean))):
                when = days[uni(rng, 0, len(days) - 1)]
                source = pick(rng, {"Review feedback form": 75.0, "Survey": 25.0})
                responses.append((when, source, who, "", answers()))
    responses.sort(key=lambda x: (x[0], x[2], x[3], x[1]))
    rows: list[list[str]] = []
    for n, (when, source, who, child, ans) in enumerate(responses, start=1):
        for q, a in ans:
            rows.append([f"FB{n:05d}", fmt(when), source, who, child, q, a])
    write_csv(
        local / "feedback.csv",
        local_columns("feedback"),
        rows,
    )
