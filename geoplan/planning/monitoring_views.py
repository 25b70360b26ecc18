"""Being built."""

from django.http import HttpResponse


def monitoring(request, *args, **kwargs):
    return HttpResponse("not built yet", status=404)


def monitoring_export(request, *args, **kwargs):
    return HttpResponse("not built yet", status=404)
