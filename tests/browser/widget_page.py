"""Helpers of the widget tests: fill the form, see what has focus in the shadow root."""

from __future__ import annotations

EMAIL = "lectora.privada@example.org"


def fill_form(page, text="A careful comment.", name="Lectora", email=EMAIL, website=""):
    widget = page.locator("#comments")
    widget.get_by_role("textbox", name="Comment", exact=True).fill(text)
    widget.get_by_role("textbox", name="Name", exact=True).fill(name)
    widget.get_by_role("textbox", name="Email", exact=True).fill(email)
    widget.get_by_role("textbox", name="Website", exact=True).fill(website)
    return widget


def shadow_active(page) -> dict:
    """What has focus inside the widget's shadow root."""
    return page.evaluate(
        """() => {
            const el = document.getElementById('comments').shadowRoot.activeElement;
            return el ? {tag: el.tagName, id: el.id, cls: el.className} : {};
        }"""
    )
