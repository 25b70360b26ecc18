"""What the workspace's scripts need from the server: endpoint URLs and translated labels."""

from django.urls import reverse


def workspace_config(request) -> dict:
    return {
        "scenariosUrl": reverse("api:scenarios"),
        "labels": {},
    }
