# One image for the web server, the Celery worker and Celery beat.
FROM python:3.11-slim-bookworm

# WeasyPrint needs Pango (and HarfBuzz) to lay out PDF letters; "Read my notice" needs
# poppler (pdftoppm) and Tesseract to read scans and photos.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 curl \
       poppler-utils tesseract-ocr tesseract-ocr-eng tesseract-ocr-spa \
    && rm -rf /var/lib/apt/lists/*

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app

COPY pyproject.toml README.md ./
COPY cp14site cp14site
COPY notices notices
COPY guidance guidance
RUN pip install .

COPY . .
# var/static, var/media and var/tmp/reading are volumes in docker-compose.yml: a new volume
# takes its owner from the image's folder, so each must exist here and belong to the app user.
RUN useradd --create-home --uid 1000 app \
    && SECRET_KEY=build-only python manage.py collectstatic --noinput \
    && mkdir -p var/static var/media var/tmp/reading && chown -R app:app var && chmod 700 var/tmp/reading
USER app

EXPOSE 8000
CMD ["gunicorn", "cp14site.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "5", "--preload", "--max-requests", "20000", "--max-requests-jitter", "2000", "--access-logfile", "-"]
