# Sublarr: the Django data platform on Debian's own Python (trixie: 3.13).
# Build: docker build -t sublarr .   Run: see docker-compose.yml and the README's Docker section.

# --- build: a virtualenv with every pinned requirement ----------------------------------------
FROM debian:trixie-slim AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 python3-venv ca-certificates \
 && rm -rf /var/lib/apt/lists/*
COPY requirements.txt /tmp/requirements.txt
RUN python3 -m venv /opt/venv \
 && /opt/venv/bin/pip install --no-cache-dir --disable-pip-version-check -r /tmp/requirements.txt \
 # pip and setuptools are build tools; the running image never installs anything.
 && /opt/venv/bin/pip uninstall -y --disable-pip-version-check pip \
 # Translation sources: only the compiled .mo files are read at run time (11 MB for Django alone).
 && find /opt/venv -name '*.po' -delete \
 && find /opt/venv -name __pycache__ -prune -exec rm -rf {} + \
 && python3 -m compileall -q -j 0 /opt/venv/lib
WORKDIR /app
COPY . .
RUN python3 -m compileall -q -j 0 apps sublarr manage.py \
 && SUBLARR_DATA_DIR=/tmp/build-data /opt/venv/bin/python manage.py collectstatic --no-input -v0 \
 && rm -rf /tmp/build-data

# --- runtime ----------------------------------------------------------------------------------
FROM debian:trixie-slim
# python3 without pip or venv tooling; setpriv (util-linux) and usermod (passwd) come with the base.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 ca-certificates \
 && rm -rf /var/lib/apt/lists/* /var/cache/debconf/*-old /var/log/apt /var/log/dpkg.log \
 && groupadd --gid 1000 sublarr \
 && useradd --uid 1000 --gid 1000 --home-dir /config --no-create-home --shell /usr/sbin/nologin sublarr \
 && mkdir -p /config && chown 1000:1000 /config
COPY --from=build /opt/venv /opt/venv
COPY --from=build /app /app
COPY docker/entrypoint.sh /usr/local/bin/sublarr-entrypoint
# `docker compose exec sublarr manage api_key`: manage.py as the PUID user, whoever runs exec.
RUN ln -s sublarr-entrypoint /usr/local/bin/manage
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PUID=1000 PGID=1000 UMASK=022 \
    SUBLARR_DATA_DIR=/config \
    SUBLARR_PORT=5765 \
    SUBLARR_ALLOWED_HOSTS=*
WORKDIR /app
VOLUME ["/config"]
EXPOSE 5765
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["python3", "/app/docker/healthcheck.py"]
ENTRYPOINT ["/usr/local/bin/sublarr-entrypoint"]
# Migrations first (adopting a legacy /config/sublarr.db in place), then the ASGI server.
CMD ["serve"]
# Last: a new revision changes only this metadata, never a cached layer above.
ARG VERSION=0.1.0
ARG REVISION=unknown
LABEL org.opencontainers.image.title="Sublarr" \
      org.opencontainers.image.description="Subtitle manager for the *arr family: data platform, admin and API" \
      org.opencontainers.image.source="https://github.com/Abrechen2/sublarr" \
      org.opencontainers.image.licenses="GPL-3.0-only" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}"
