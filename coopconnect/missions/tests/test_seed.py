"""The forums, skills and missions seed steps run on the demo data, twice without duplicating anything."""

import pytest
from django.core.management import call_command

from coopconnect.forums.models import Post, Topic
from coopconnect.missions.models import Mission
from coopconnect.skills.models import SkillProfile

pytestmark = pytest.mark.django_db
STEPS = [
    *("--only", "reference_places", "--only", "demo_users", "--only", "accounts"),
    *("--only", "billing", "--only", "forums", "--only", "skills", "--only", "missions"),
]


def test_seed_demo_builds_the_gers_intranet_and_the_board(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    call_command("seed_demo", *STEPS, verbosity=0)
    first = (
        Topic.objects.count(),
        Post.objects.count(),
        SkillProfile.objects.count(),
        Mission.objects.count(),
    )
    call_command("seed_demo", "--only", "forums", "--only", "skills", "--only", "missions", verbosity=0)
    assert (
        Topic.objects.count(),
        Post.objects.count(),
        SkillProfile.objects.count(),
        Mission.objects.count(),
    ) == first
    gers = Topic.objects.filter(forum__network__slug="reseau-soho-solo-gers")
    assert gers.count() == 3 and gers.filter(pinned=True).count() == 1
    assert Post.objects.filter(topic__in=gers).count() == 5  # 3 opening messages + 2 replies
    assert SkillProfile.objects.count() == 5
    titles = set(Mission.objects.values_list("title", flat=True))
    assert {
        "Site web pour un gîte dans le Luberon",
        "Traduction anglaise d'une plaquette touristique",
    } <= titles
