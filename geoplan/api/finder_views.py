"""The public finder's API: places to search for (`/api/geocode/`) and the nearest sites on foot
(`/api/nearest/`)."""

from rest_framework.response import Response
from rest_framework.views import APIView


class Geocode(APIView):
    def get(self, request):
        return Response([])


class Nearest(APIView):
    def get(self, request):
        return Response({"type": "FeatureCollection", "features": []})
