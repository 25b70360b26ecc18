"""Being built."""

from django.http import HttpResponse


def compare(request, *args, **kwargs):
    return HttpResponse("not built yet", status=404)
