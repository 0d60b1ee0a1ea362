# The application image: web (granian), worker and beat (celery) all run it (docker-compose.yml).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# Dependencies first: this layer is rebuilt only when the lock changes.
COPY requirements.lock ./
RUN pip install -r requirements.lock

COPY . .
# Static files are baked into the image; var/ holds media and the beat schedule, owned by the
# app user so named volumes mounted there start writable.
RUN python manage.py collectstatic --noinput \
    && useradd --system --create-home --uid 10001 app \
    && mkdir -p var/media \
    && chown -R app:app var

USER app
EXPOSE 8000
CMD ["granian", "--interface", "wsgi", "--host", "0.0.0.0", "--port", "8000", "--workers", "3", "--blocking-threads", "4", "--no-ws", "--respawn-failed-workers", "--log-level", "info", "cms.config.wsgi:application"]
