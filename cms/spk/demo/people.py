"""Demo committees and people: fictional names, addresses under the reserved .example domain."""

from __future__ import annotations

import datetime
import unicodedata

from django.contrib.auth.models import Group, User
from django.utils import timezone

from cms.registry.models import Sector
from cms.site.editorial.groups import coordinators_group_name

from ..models import Committee, Member, Membership
from ..staff import ensure_staff_group

DEMO_PASSWORD = "kpmpc-demo"
DEMO_DOMAIN = "spk-demo.example"
FEATURED = ("S08", "S09", "S05")  # the committees the website demo features too

FIRST = ["Ona", "Jonas", "Rūta", "Petras", "Asta", "Mindaugas", "Laima", "Tomas", "Eglė", "Darius",
         "Inga", "Saulius", "Jurgita", "Vytautas", "Dalia", "Andrius"]
LAST_F = ["Pavyzdienė", "Bandomaitė", "Demonaitė", "Tyrėjienė", "Meistrienė", "Vertintoja", "Mokslinskienė", "Amatė"]
LAST_M = ["Pavyzdys", "Bandomasis", "Demonas", "Tyrėjas", "Meistras", "Vertintojas", "Mokslinskas", "Amatas"]
FEMALE = {"Ona", "Rūta", "Asta", "Laima", "Eglė", "Inga", "Jurgita", "Dalia"}
ORGANISATIONS = ["Lietuvos pramonininkų konfederacija (demo)", "Lietuvos profesinių sąjungų konfederacija (demo)",
                 "Vilniaus kolegija (demo)", "Kauno technologijos universitetas (demo)",
                 "Lietuvos darbo rinkos mokymo tarnyba (demo)", "Švietimo, mokslo ir sporto ministerija (demo)"]


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def _person(index: int) -> tuple[str, str]:
    first = FIRST[index % len(FIRST)]
    last = (LAST_F if first in FEMALE else LAST_M)[(index // len(FIRST) + index) % len(LAST_M)]
    return first, last


def demo_member(index: int, **fields) -> Member:
    first, last = _person(index)
    email = f"{_ascii(first)}.{_ascii(last)}{index}@{DEMO_DOMAIN}"
    member, created = Member.objects.get_or_create(email=email, defaults={
        "first_name": first, "last_name": last,
        "organisation": ORGANISATIONS[index % len(ORGANISATIONS)], **fields,
    })
    if created:
        member.user.set_password(DEMO_PASSWORD)
        member.user.save(update_fields=["password"])
    return member


def demo_staff(username: str, first: str, last: str, committees=()) -> User:
    user, created = User.objects.get_or_create(username=username, defaults={
        "email": f"{username}@{DEMO_DOMAIN}", "first_name": first, "last_name": last,
    })
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    user.groups.add(ensure_staff_group())
    for committee in committees:
        committee.coordinators.add(user)
        # the same person edits the committee's public pages (the group setup_cms made)
        group = Group.objects.filter(name=coordinators_group_name(committee.code)).first()
        if group is not None:
            user.groups.add(group)
    return user


def _membership(committee, member, role, start, end=None, organisation=""):
    Membership.objects.get_or_create(committee=committee, member=member, term_start=start, defaults={
        "role": role, "term_end": end, "delegating_organisation": organisation or member.organisation,
    })


def load_people() -> dict:
    """Committees for every published sector, members (more for the featured ones), the
    chairs' committee, two coordinators and a KPMPC staff user. Idempotent."""
    today = timezone.localdate()
    term = today.replace(month=1, day=1) - datetime.timedelta(days=365)
    committees = {}
    for sector in Sector.objects.filter(live=True).order_by("code"):
        committees[sector.code], _ = Committee.objects.get_or_create(sector=sector, defaults={
            "name_lt": sector.committee_name_lt, "name_en": sector.committee_name_en,
        })
    chairs, _ = Committee.objects.get_or_create(kind=Committee.KIND_CHAIRS, defaults={
        "name_lt": "SPK pirmininkų komitetas", "name_en": "Committee of SPK chairs",
    })
    index = 0
    chair_members = []
    for code, committee in committees.items():
        size = 6 if code in FEATURED else 3
        for position in range(size):
            role = [Membership.ROLE_CHAIR, Membership.ROLE_DEPUTY, Membership.ROLE_SECRETARY][position] \
                if position < 3 and (size == 6 or position == 0) else Membership.ROLE_MEMBER
            member = demo_member(index, listed_publicly=position < 2, preferred_language="en" if index % 5 == 4 else "lt")
            _membership(committee, member, role, term)
            if role == Membership.ROLE_CHAIR:
                chair_members.append(member)
            index += 1
        if code in FEATURED:  # one past member, so the history shows
            _membership(committee, demo_member(index), Membership.ROLE_MEMBER, term - datetime.timedelta(days=730),
                        term - datetime.timedelta(days=1))
            index += 1
    for member in chair_members:
        _membership(chairs, member, Membership.ROLE_MEMBER, term)
    featured = [committees[c] for c in FEATURED if c in committees]
    others = [c for code, c in committees.items() if code not in FEATURED]
    coordinators = [
        demo_staff("koordinatorius", "Kristina", "Koordinatorė", featured),
        demo_staff("koordinatorius2", "Karolis", "Koordinatorius", others),
    ]
    staff = demo_staff("kpmpc-darbuotojas", "Daiva", "Darbuotoja")
    return {"committees": committees, "chairs": chairs, "coordinators": coordinators, "staff": staff}
