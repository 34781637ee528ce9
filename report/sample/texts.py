"""The sample's text files: narrative sections, at a glance, voice, priorities, benchmarks."""

from __future__ import annotations

from pathlib import Path

from report.sample.files import write_text

NARRATIVE: dict[str, str] = {
    "introduction": """\
This year the service has focused on holding every review on time and on hearing more
directly from children about what their reviews are like.

During the year the council looked after {{ figures["cla.during_year"].value }} children at some
point. I am grateful to the children, families, carers and colleagues who took part in reviews
and told us what they thought of them.
""",
    "service": """\
The IRO service sits within the Quality Assurance team and is independent of the line management
of the children's cases. The team was stable for most of the year. One experienced IRO left in
October and we covered the post with an agency IRO from November, so that no child waited for a
new IRO. Caseloads remained at the upper end of the range the IRO Handbook suggests (50 to 70
children per full-time IRO), and reducing them is one of our priorities for next year.
""",
    "children": """\
At 31 March 2025 Exampleshire looked after {{ figures["cla.at_period_end"].value }} children,
compared with {{ figures["cla.at_period_end"].previous }} a year earlier.
{{ figures["cla.started"].value }} children started to be looked after during the year and
{{ figures["cla.ceased"].value }} stopped being looked after. Most children live with foster
carers; some older young people, including unaccompanied asylum-seeking children, live in
supported accommodation.
""",
    "reviews": """\
IROs chaired {{ figures["reviews.held"].value }} reviews during the year.
{{ figures["reviews.on_time"].pct }} of reviews were held on time, and
{{ figures["reviews.children_all_on_time"].pct }} of children had every review that was due in
the year on time. Most late reviews were moved at the request of the child or family, or because
of the availability of key professionals around the Christmas and Easter holidays. We track the
reasons for every late review each month.
""",
    "participation": """\
Children aged four and over took part in {{ figures["participation.participated"].pct }} of
their reviews, in person or by sharing their views in another way. IROs offer to meet children
in a place and at a time that suits them, and more young people now use the Mind of My Own app
to tell us what they think before their review.
""",
    "voice": """\
We asked children, parents, carers and professionals what they thought of their reviews, using
the review feedback form, the Mind of My Own app and our annual survey. Most children told us
that they felt listened to. Some said that meetings were too long and had too many people in
them, and we have changed how we plan reviews as a result. The quotes below are ones the
children and adults who gave them agreed we could share.

## Children in Care Council

Exampleshire Voices, our Children in Care Council, met every month this year. Members helped
to interview two new IROs, tested the new "This is your IRO" letter and told the Corporate
Parenting Panel in January what makes a good review. Their top ask for next year is that
every child can choose where their review is held.
""",
    "escalations": """\
IROs raise concerns when a child's plan drifts or their needs are not met. Most concerns were
resolved informally within a few weeks, through conversations with social workers and team
managers. A small number went through the formal stages of the dispute resolution process; an
IRO may also refer a child's case to Cafcass at any stage. IROs also sent good-practice alerts
to recognise work that made a real difference to children.

## Impact of IRO challenge

### Brothers back together
Two brothers had been placed apart in an emergency. Their IRO challenged the delay in the
sibling assessment at the informal stage; it was completed within a month and the brothers now
live together with the same foster carers.

### A plan for permanence
A young child's plan for adoption had drifted for six months. The IRO escalated to stage 2 and
the head of service agreed a timetable; the placement order application was made within
eight weeks.

### Help with school
A young person had been without a school place since moving placement. After the IRO raised
it with the virtual school, a place was found and a personal education plan agreed within
three weeks.
""",
    "contact": """\
IROs keep in touch with children between their reviews, by visiting them or by a call or video
call, and meet or speak with most children before each review so that the review starts from
what the child wants to say. {{ figures["contact.between_reviews"].pct }} of children looked
after had contact with their IRO between reviews this year. IROs make sure children know they
can have an advocate and, where a child would like one, ask for an independent visitor.
""",
    "quality": """\
IROs keep in touch with children between reviews. We increased the number of midway reviews this
year, so that IROs check that the actions agreed at the last review are being carried out. Most
children and young people met or spoke with their IRO before their review.
""",
    "child_protection": """\
IROs in Exampleshire also chair child protection conferences. Most initial conferences were held
within 15 working days of the strategy discussion, and review conferences were held on time in
nearly all cases. Where a conference was late, this was usually to allow key partners to attend.
""",
    "priorities": """\
We made good progress on most of last year's priorities. Next year we will focus on reducing
caseloads, increasing the number of reviews held on time, and making sure that children's views
shape their plans.
""",
}

# narrative/at_a_glance.md: the manager's three parts beside the figures that moved most.
GLANCE_NARRATIVE = """\
## What is working well

{{ figures["reviews.on_time"].pct }} of reviews were held on time, and
{{ figures["participation.participated"].pct }} of reviews of children aged 4 and over had
the child's participation. Children new to care are allocated an IRO quickly.

## What we are worried about

Caseloads remain at the top of the range the IRO Handbook suggests (the highest at 31 March
was {{ figures["iro.caseload_highest"].value }} children per full-time IRO), and
{{ figures["iro.vacant_fte"].value }} FTE of IRO posts were vacant. Too many children still
have three or more placements in a year.

## What we will do next

Recruit to the vacant posts, bring caseloads down to the middle of the range, and work with
social work teams so that review records are completed within 20 working days.
"""

VOICE_YAML = """\
# What children, families and professionals said (approved quotes) and what we did about it.
quotes:
  - text: My IRO always asks me what I want to talk about first and explains what the grown-ups
      decided in a way I understand.
    respondent: child
    approved: yes
  - text: I chaired the first part of my review myself this time. I was nervous but it was good.
    respondent: child
    approved: yes
  - text: My review was at school and everyone knew where I was going.
    respondent: child
    approved: yes
  - text: I get on with my IRO but I still do not really know what she can do for me.
    respondent: child
    approved: no           # waiting for the young person's agreement
  - text: The IRO made sure I understood the plan and what would happen next.
    respondent: parent
    approved: yes
  - text: Reviews are better planned now and we get the papers in time to read them.
    respondent: carer
    approved: yes
  - text: The IRO's challenge made us look again at the contact plan, and it was the right call.
    respondent: professional
    approved: yes
you_said_we_did:
  - said: Reviews have too many people in them and go on too long.
    did: IROs now ask each child before the review who they want there, and hold parts of the
      meeting separately when the child prefers.
  - said: We do not always know who our IRO is or how to reach them.
    did: Every child gets a "This is your IRO" letter with a photo and contact details within
      five working days of their IRO being allocated.
  - said: The review record uses words we do not understand.
    did: IROs now write to each child after their review, in plain words, about what was
      decided.
"""

PRIORITIES_YAML = """\
last_year:
  - title: Improve the timeliness of reviews
    status: partly
    commentary: >-
      Most reviews were held on time, but the share did not rise as much as we hoped; reviews
      around the Christmas and Easter holidays remain a challenge.
  - title: Help more children share their views through the Mind of My Own app
    status: achieved
    commentary: >-
      More children used the app to tell us what they thought of their review than in the
      year before.
  - title: Introduce midway reviews for every child
    status: partly
    commentary: >-
      Midway reviews are now routine for most children; we have not yet reached every child.
  - title: Recruit to every permanent IRO post
    status: not_achieved
    commentary: >-
      An IRO left in October and an agency IRO is covering the post while we recruit.
next_year:
  - title: Keep caseloads within the range the IRO Handbook suggests
    detail: Recruit to the vacant permanent post and review how cases are allocated.
  - title: Hold every review on time
    detail: Plan review dates around bank holidays and monitor late reviews each month.
  - title: Hear from more parents and carers
    detail: Offer the feedback form online and by text message after each review.
  - title: Strengthen the dispute resolution process
    detail: Report themes from escalations to the Corporate Parenting Panel every quarter.
"""

BENCHMARKS_YAML = """\
- figure: cla.at_period_end
  area: England
  nation: england
  year: "2023-24"
  value: 83630
  source: DfE, Children looked after in England including adoptions, 2024
- figure: cla.rate_per_10k
  area: England
  nation: england
  year: "2023-24"
  value: 70
  source: DfE, Children looked after in England including adoptions, 2024
"""


def write_texts(dest: Path) -> None:
    """narrative/*.md, priorities.yaml, voice.yaml and benchmarks.yaml."""
    for key, text in NARRATIVE.items():
        write_text(dest / "narrative" / f"{key}.md", text)
    write_text(dest / "narrative" / "at_a_glance.md", GLANCE_NARRATIVE)
    write_text(dest / "priorities.yaml", PRIORITIES_YAML)
    write_text(dest / "voice.yaml", VOICE_YAML)
    write_text(dest / "benchmarks.yaml", BENCHMARKS_YAML)
