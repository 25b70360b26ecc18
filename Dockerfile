# geoplan: one image for the web service (gunicorn) and the Celery worker.
FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN apt-get update && apt-get install -y --no-install-recommends gdal-bin libgdal-dev \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# Dependencies first, so that a code change does not reinstall them.
COPY pyproject.toml constraints.txt README.md ./
COPY geoplan geoplan
COPY layers layers
RUN pip install --no-cache-dir -c constraints.txt -e .
COPY . .
# Hashed, compressed static files for WhiteNoise; the build needs a key but never keeps it.
RUN DEBUG=0 SECRET_KEY=collectstatic-only ALLOWED_HOSTS=localhost \
    python manage.py collectstatic --noinput -v0
RUN useradd --create-home --uid 1000 geoplan && mkdir -p /app/.cache \
    && chown -R geoplan /app/.cache
USER geoplan
EXPOSE 8000
# gunicorn.conf.py: bind 0.0.0.0:$PORT, GUNICORN_WORKERS (2), threads, JSON logs.
CMD ["gunicorn"]
