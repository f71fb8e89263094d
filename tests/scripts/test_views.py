"""Scene list, script upload and breakdown sheet pages, with the personas who may use them."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from regie.accounts.roles import Role
from regie.scripts import services
from regie.scripts.models import BreakdownElement, Category, Scene, ScriptImport
from tests.factories import EngagementFactory, ProductionFactory, member_of
from tests.scripts.test_services import FIRST

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported():
    production = ProductionFactory()
    manager = member_of(production, Role.PRODUCTION_MANAGER)
    services.import_script(production, FIRST, "tram.fountain", by=manager)
    return production, manager


def test_scene_list_shows_scenes_with_pages_and_cast(client, imported):
    # Arrange
    production, _ = imported
    Scene.objects.filter(production=production, number="1").update(eighths=11)
    client.force_login(member_of(production, Role.CREW))

    # Act
    response = client.get(reverse("scripts:scenes", kwargs={"pk": production.pk}))

    # Assert
    assert response.status_code == 200
    rows = [
        (s.number, s.int_ext, s.location, s.time_of_day, s.length, [c.element.name for c in s.cast])
        for s in response.context["scenes"]
    ]
    assert rows[0] == ("1", "INT", "TRAM DEPOT", "NIGHT", "1 3/8", ["NOELLE"])
    assert "1 3/8" in response.content.decode()


def test_scene_list_queries_flat_in_number_of_scenes(client, imported, assert_flat_queries):
    production, manager = imported
    client.force_login(manager)

    def add_two() -> None:
        for number in ("8", "9"):
            scene = Scene.objects.create(
                production=production, number=number, heading=f"INT. ROOM {number} - DAY", order=10
            )
            services.add_element(scene, Category.CAST, f"ACTOR {number}", by=manager)

    assert_flat_queries(reverse("scripts:scenes", kwargs={"pk": production.pk}), add_two)


def test_scene_list_viewer_is_refused(client, imported):
    # Arrange
    production, _ = imported
    client.force_login(member_of(production, Role.VIEWER))

    # Act
    response = client.get(reverse("scripts:scenes", kwargs={"pk": production.pk}))

    # Assert
    assert response.status_code == 403


def test_import_upload_creates_scenes(client):
    # Arrange
    production = ProductionFactory()
    client.force_login(member_of(production, Role.PRODUCTION_ASSISTANT))
    upload = SimpleUploadedFile("tram.fountain", FIRST, content_type="text/plain")

    # Act
    response = client.post(reverse("scripts:import", kwargs={"pk": production.pk}), {"file": upload})

    # Assert
    assert response.status_code == 302
    assert Scene.objects.filter(production=production).count() == 3


def test_import_upload_of_pdf_shows_message_in_french_and_imports_nothing(client):
    # Arrange
    production = ProductionFactory()
    client.force_login(member_of(production, Role.PRODUCTION_MANAGER, language="fr"))
    upload = SimpleUploadedFile("script.pdf", b"%PDF-1.7 ...", content_type="application/pdf")

    # Act
    response = client.post(
        reverse("scripts:import", kwargs={"pk": production.pk}), {"file": upload}, HTTP_ACCEPT_LANGUAGE="fr"
    )

    # Assert
    assert response.status_code == 400
    messages = [str(m) for m in response.context["messages"]]
    assert messages == [
        "Le fichier est un document PDF, que Regie ne sait pas lire : "
        "exportez le scénario en Fountain (.fountain) ou Final Draft (.fdx)."
    ]
    assert (Scene.objects.count(), ScriptImport.objects.count()) == (0, 0)


def test_import_department_head_is_refused(client):
    # Arrange
    production = ProductionFactory()
    client.force_login(member_of(production, Role.DEPARTMENT_HEAD))

    # Act
    response = client.get(reverse("scripts:import", kwargs={"pk": production.pk}))

    # Assert
    assert response.status_code == 403


def test_breakdown_sheet_lists_elements_by_category(client, imported):
    # Arrange
    production, manager = imported
    scene = Scene.objects.get(production=production, number="1")
    services.add_element(scene, Category.PROPS, "Ticket punch", by=manager)
    client.force_login(member_of(production, Role.CAST))

    # Act
    response = client.get(reverse("scripts:breakdown", kwargs={"pk": production.pk, "scene_pk": scene.pk}))

    # Assert
    filled = [(c["value"], [e.name for e in c["elements"]]) for c in response.context["categories"] if c["elements"]]
    assert filled == [("cast", ["NOELLE"]), ("props", ["Ticket punch"])]
    assert len(response.context["categories"]) == len(Category.choices)
    assert response.context["can_change"] is False


def test_element_add_by_department_head_shares_element(client, imported):
    # Arrange
    production, _ = imported
    first, second = Scene.objects.filter(production=production)[:2]
    client.force_login(member_of(production, Role.DEPARTMENT_HEAD))
    data = {"category": "vehicles", "name": "Tram 7"}

    # Act
    for scene in (first, second):
        client.post(reverse("scripts:element_add", kwargs={"pk": production.pk, "scene_pk": scene.pk}), data)

    # Assert
    element = BreakdownElement.objects.get(production=production, name="Tram 7")
    assert sorted(element.scenes.values_list("number", flat=True)) == ["1", "2"]


def test_element_add_blank_name_is_refused_and_nothing_added(client, imported):
    # Arrange
    production, manager = imported
    scene = Scene.objects.get(production=production, number="1")
    client.force_login(manager)
    before = BreakdownElement.objects.count()

    # Act
    response = client.post(
        reverse("scripts:element_add", kwargs={"pk": production.pk, "scene_pk": scene.pk}),
        {"category": "props", "name": "   "},
        follow=True,
    )

    # Assert
    assert [str(m) for m in response.context["messages"]] == ["This field is required."]
    assert BreakdownElement.objects.count() == before


def test_element_remove_by_crew_is_refused(client, imported):
    # Arrange
    production, _ = imported
    scene = Scene.objects.get(production=production, number="1")
    element = scene.elements.get()
    client.force_login(member_of(production, Role.CREW))

    # Act
    response = client.post(
        reverse("scripts:element_remove", kwargs={"pk": production.pk, "scene_pk": scene.pk, "element_pk": element.pk})
    )

    # Assert
    assert response.status_code == 403
    assert scene.elements.count() == 1


def test_cast_link_to_engagement(client, imported):
    # Arrange
    production, manager = imported
    scene = Scene.objects.get(production=production, number="1")
    element = scene.elements.get()
    engagement = EngagementFactory(production=production, function="actor", department="cast")
    client.force_login(manager)

    # Act
    client.post(
        reverse("scripts:cast_link", kwargs={"pk": production.pk, "scene_pk": scene.pk, "element_pk": element.pk}),
        {"engagement": engagement.pk},
    )

    # Assert
    element.refresh_from_db()
    assert element.engagement == engagement


def test_cast_link_to_engagement_of_another_production_is_refused(client, imported):
    # Arrange
    production, manager = imported
    scene = Scene.objects.get(production=production, number="1")
    element = scene.elements.get()
    other = EngagementFactory()
    client.force_login(manager)

    # Act
    response = client.post(
        reverse("scripts:cast_link", kwargs={"pk": production.pk, "scene_pk": scene.pk, "element_pk": element.pk}),
        {"engagement": other.pk},
        follow=True,
    )

    # Assert
    assert [str(m) for m in response.context["messages"]] == ["Choose a person engaged on the production."]
    element.refresh_from_db()
    assert element.engagement is None
