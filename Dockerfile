# syntax=docker/dockerfile:1

# --- build: wheels for every pinned requirement ---------------------------------------------
FROM python:3.12-slim AS build
WORKDIR /build
COPY requirements.txt .
RUN pip wheel --no-cache-dir --wheel-dir /wheels -r requirements.txt

# --- runtime ----------------------------------------------------------------------------------
FROM python:3.12-slim
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    SUBLARR_DATA_DIR=/config \
    SUBLARR_ALLOWED_HOSTS=*
RUN groupadd --system --gid 1000 sublarr \
 && useradd --system --uid 1000 --gid sublarr --home-dir /app --shell /usr/sbin/nologin sublarr
COPY --from=build /wheels /wheels
RUN pip install --no-cache-dir --no-index /wheels/* && rm -rf /wheels
WORKDIR /app
COPY --chown=sublarr:sublarr . .
RUN SUBLARR_DATA_DIR=/tmp/build-data python manage.py collectstatic --no-input -v0 \
 && mkdir -p /config && chown sublarr:sublarr /config && rm -rf /tmp/build-data
USER sublarr
VOLUME ["/config"]
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["python", "-c", "import urllib.request, sys; urllib.request.urlopen('http://127.0.0.1:8000/api/v1/health', timeout=4); sys.exit(0)"]
# Migrations first (adopting a legacy /config/sublarr.db in place), then the ASGI server.
CMD ["sh", "-c", "python manage.py migrate --no-input && exec uvicorn sublarr.asgi:application --host 0.0.0.0 --port 8000 --proxy-headers"]
