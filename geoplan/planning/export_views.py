"""Being built."""

from django.http import HttpResponse


def print_current(request, *args, **kwargs):
    return HttpResponse("not built yet", status=404)


def scenario_print(request, *args, **kwargs):
    return HttpResponse("not built yet", status=404)


def export_zones(request, *args, **kwargs):
    return HttpResponse("not built yet", status=404)


def export_layer(request, *args, **kwargs):
    return HttpResponse("not built yet", status=404)
