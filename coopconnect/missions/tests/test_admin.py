"""The forums and missions admin show a coordinator only the forums and missions of their own networks."""

import pytest
from django.contrib.auth.models import Permission
from django.db.models import Q
from django.urls import reverse

from coopconnect.forums import seed as forums_seed
from coopconnect.forums.services import forum_for, topic_create
from coopconnect.missions import seed as missions_seed
from coopconnect.missions.models import Mission
from coopconnect.places.models import Network

pytestmark = pytest.mark.django_db


def test_coordinator_sees_only_their_networks(client, coordinator, network, member, host, place, belongs):
    coordinator.is_staff = True
    coordinator.save()
    coordinator.user_permissions.add(
        *Permission.objects.filter(
            Q(content_type__app_label="forums", codename__in=forums_seed.COORDINATOR_PERMISSIONS)
            | Q(content_type__app_label="missions", codename__in=missions_seed.COORDINATOR_PERMISSIONS)
        )
    )
    other = Network.objects.create(name="Réseau voisin", slug="voisin")
    topic_create(forum=forum_for(network=network), author=member, title="Chez nous", body="x")
    forum_for(network=other).topics.create(author=member, title="Ailleurs")
    Mission.objects.create(
        network=network, posted_by=host, title="Mission d'ici", description="x", expires_on="2099-01-01"
    )
    Mission.objects.create(
        network=other, posted_by=host, title="Mission d'ailleurs", description="x", expires_on="2099-01-01"
    )
    client.force_login(coordinator)
    topics = client.get(reverse("admin:forums_topic_changelist")).content.decode()
    assert "Chez nous" in topics and "Ailleurs" not in topics
    missions = client.get(reverse("admin:missions_mission_changelist")).content.decode()
    assert "Mission d&#x27;ici" in missions and "ailleurs" not in missions
    hidden = Mission.objects.get(network=other)
    assert client.get(reverse("admin:missions_mission_change", args=[hidden.pk])).status_code == 302
