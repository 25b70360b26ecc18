"""Being built."""

from django.http import HttpResponse


def scenario_report(request, *args, **kwargs):
    return HttpResponse("not built yet", status=404)
