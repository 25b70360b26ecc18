FROM python:3.11-slim-bookworm
RUN apt-get update && apt-get install -y --no-install-recommends gdal-bin libgdal-dev \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml constraints.txt README.md ./
COPY geoplan geoplan
COPY layers layers
RUN pip install --no-cache-dir -c constraints.txt -e .
COPY . .
EXPOSE 8000
