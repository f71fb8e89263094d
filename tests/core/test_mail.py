"""Every mail has its text and the same words as HTML: paragraphs, a link line as a button, the
signature apart; the HTML escapes what the text holds."""

from __future__ import annotations

import pytest
from django.core import mail as outbox_mail
from django.utils import translation

from regie.core import mail

# The signature separator is "-- " with its space, as mail programs expect.
TEXT = "\n".join(
    [
        "Hello Jan <jan@example.be>,",
        "",
        "Compagnie X sends you a contract.",
        "Read it here:",
        "",
        "https://regie.example.be/c/abc123/",
        "",
        "-- ",
        "Regie",
        "",
    ]
)


def test_blocks_are_paragraphs_a_link_and_the_signature():
    blocks = mail.blocks_of(TEXT)

    assert [(b.kind, b.lines) for b in blocks] == [
        ("text", ("Hello Jan <jan@example.be>,",)),
        ("text", ("Compagnie X sends you a contract.", "Read it here:")),
        ("link", ("https://regie.example.be/c/abc123/",)),
        ("signature", ("Regie",)),
    ]


def test_html_escapes_the_text_and_makes_the_link_a_button_in_the_active_language():
    with translation.override("fr"):
        html = mail.html_of(TEXT)

    assert "Hello Jan &lt;jan@example.be&gt;," in html and "<jan@example.be>" not in html
    assert 'href="https://regie.example.be/c/abc123/"' in html
    assert '<html lang="fr">' in html and "Ouvrir le lien" in html
    assert "Compagnie X sends you a contract.<br>Read it here:" in html


@pytest.mark.django_db
def test_send_puts_text_and_html_in_one_message(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

    mail.send("Subject", TEXT, ["jan@example.be"])

    [message] = outbox_mail.outbox
    assert message.body == TEXT
    assert [mimetype for _content, mimetype in message.alternatives] == ["text/html"]
