"""The finder at "/": search, near me, categories, filters, the nearest sites on foot."""

from django.http import HttpResponse
from django.shortcuts import render


def finder(request):
    return render(request, "public/finder.html", {})


def service_worker(request):
    return HttpResponse("", content_type="text/javascript")
