"""Signing in, throttling, resetting a password and choosing the interface language."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Nieuw-wachtwoord-voor-de-tournee"
THROTTLED = "Too many failed attempts. Wait a quarter of an hour and try again, or reset your password."
WRONG = "This e-mail address and password do not match an account."


def sign_in(client: Client, email: str, password: str, **extra: str):
    return client.post(reverse("accounts:login"), {"username": email, "password": password, **extra})


def form_errors(response) -> list[str]:
    return list(response.context["form"].non_field_errors())


# Signing in


def test_login_right_password_signs_in_and_goes_home(client):
    # Arrange
    user = UserFactory()

    # Act
    response = sign_in(client, user.email, PASSWORD)

    # Assert
    assert (response.status_code, response["Location"]) == (302, "/")
    assert int(client.session["_auth_user_id"]) == user.pk


def test_login_email_in_capitals_signs_in(client):
    # Arrange
    user = UserFactory(email="lies@example.be")

    # Act
    response = sign_in(client, "Lies@Example.BE", PASSWORD)

    # Assert
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == user.pk


def test_login_wrong_password_refused_with_message(client):
    # Arrange
    user = UserFactory()

    # Act
    response = sign_in(client, user.email, "not-the-password")

    # Assert
    assert response.status_code == 200
    assert form_errors(response) == [WRONG]
    assert WRONG in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_login_after_max_failures_right_password_refused(client, settings):
    # Arrange
    user = UserFactory()
    for _ in range(settings.REGIE_LOGIN_MAX_FAILURES):
        sign_in(client, user.email, "not-the-password")

    # Act
    response = sign_in(client, user.email, PASSWORD)

    # Assert
    assert response.status_code == 200
    assert form_errors(response) == [THROTTLED]
    assert "_auth_user_id" not in client.session


def test_login_one_failure_below_max_right_password_accepted(client, settings):
    # Arrange
    user = UserFactory()
    for _ in range(settings.REGIE_LOGIN_MAX_FAILURES - 1):
        sign_in(client, user.email, "not-the-password")

    # Act
    response = sign_in(client, user.email, PASSWORD)

    # Assert
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == user.pk


def test_login_throttle_counts_address_in_any_case(client, settings):
    # Arrange
    UserFactory(email="lies@example.be")
    for _ in range(settings.REGIE_LOGIN_MAX_FAILURES):
        sign_in(client, "LIES@example.be", "not-the-password")

    # Act
    response = sign_in(client, "lies@example.be", PASSWORD)

    # Assert
    assert form_errors(response) == [THROTTLED]
    assert "_auth_user_id" not in client.session


def test_login_unsafe_next_not_followed(client):
    # Arrange
    user = UserFactory()

    # Act
    response = sign_in(client, user.email, PASSWORD, next="http://evil.example/")

    # Assert
    assert (response.status_code, response["Location"]) == (302, "/")


def test_login_safe_next_followed(client):
    # Arrange
    user = UserFactory()

    # Act
    response = sign_in(client, user.email, PASSWORD, next="/account/")

    # Assert
    assert response["Location"] == "/account/"


# Resetting the password


def reset_link(mail) -> str:
    return re.search(r"http://127\.0\.0\.1:8000(/password/reset/\S+/\S+/)", mail.body).group(1)


def test_password_reset_mail_link_sets_new_password(client, mailoutbox):
    # Arrange
    user = UserFactory()

    # Act
    asked = client.post(reverse("accounts:password_reset"), {"email": user.email})
    form_page = client.get(reset_link(mailoutbox[0]), follow=True)
    saved = client.post(form_page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    # Assert
    user.refresh_from_db()
    assert asked["Location"] == reverse("accounts:password_reset_done")
    assert (len(mailoutbox), mailoutbox[0].to) == (1, [user.email])
    assert (form_page.status_code, form_page.context["validlink"]) == (200, True)
    assert saved["Location"] == reverse("accounts:password_reset_complete")
    assert (user.check_password(NEW_PASSWORD), user.check_password(PASSWORD)) == (True, False)


def test_password_reset_link_works_once(client, mailoutbox):
    # Arrange
    user = UserFactory()
    client.post(reverse("accounts:password_reset"), {"email": user.email})
    link = reset_link(mailoutbox[0])
    form_page = client.get(link, follow=True)
    client.post(form_page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    # Act
    again = Client().get(link, follow=True)

    # Assert
    assert again.context["validlink"] is False


def test_password_reset_unknown_address_sends_nothing_and_says_the_same(client, mailoutbox):
    # Act
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.be"})

    # Assert
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert mailoutbox == []


def test_password_reset_mail_in_users_language_not_browsers(client, mailoutbox):
    # Arrange
    user = UserFactory(language="fr")
    client.cookies["regie_language"] = "nl"

    # Act
    client.post(reverse("accounts:password_reset"), {"email": user.email})

    # Assert
    mail = mailoutbox[0]
    assert mail.subject == "Choisissez un nouveau mot de passe pour Regie"
    assert mail.body.startswith("Bonjour,\n")


# Interface language


def test_set_language_signed_in_stores_language_and_cookie(client):
    # Arrange
    user = UserFactory(language="en")
    client.force_login(user)

    # Act
    response = client.post(reverse("accounts:set_language"), {"language": "fr", "next": "/account/"})
    page = client.get("/account/")

    # Assert
    user.refresh_from_db()
    assert (response.status_code, response["Location"]) == (302, "/account/")
    assert user.language == "fr"
    assert response.cookies["regie_language"].value == "fr"
    assert '<html lang="fr">' in page.content.decode()
    assert "<h1>Votre profil</h1>" in page.content.decode()


def test_set_language_anonymous_sets_cookie_for_later_pages(client):
    # Act
    response = client.post(reverse("accounts:set_language"), {"language": "nl", "next": "/login/"})
    page = client.get("/login/")

    # Assert
    assert response.cookies["regie_language"].value == "nl"
    assert '<html lang="nl">' in page.content.decode()


def test_set_language_unsafe_next_not_followed(client):
    # Act
    response = client.post(reverse("accounts:set_language"), {"language": "fr", "next": "http://evil.example/"})

    # Assert
    assert (response.status_code, response["Location"]) == (302, "/")


def test_set_language_unknown_language_changes_nothing(client):
    # Arrange
    user = UserFactory(language="nl")
    client.force_login(user)

    # Act
    response = client.post(reverse("accounts:set_language"), {"language": "xx", "next": "/account/"})

    # Assert
    user.refresh_from_db()
    assert response["Location"] == "/account/"
    assert user.language == "nl"
    assert "regie_language" not in response.cookies
