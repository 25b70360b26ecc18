"""A placeholder answer for endpoints being built (removed once each exists)."""

from rest_framework.response import Response
from rest_framework.views import APIView


class NotYet(APIView):
    def dispatch(self, request, *args, **kwargs):
        self.headers = {}
        response = Response({"detail": "not built yet"}, status=404)
        return self.finalize_response(request, response)
