# One image for every part: the all-in-one embedded start by default (npm start), or one gateway,
# subgraph or legacy stand-in per container with another command (see docker-compose.yml).
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production \
    # Apollo's own telemetry and cloud-metadata probes stay off even before the gateway sets it.
    APOLLO_TELEMETRY_DISABLED=true \
    DATA_DIR=/app/data \
    GATEWAY_HOST=0.0.0.0
COPY package.json package-lock.json ./
# No package needs an install script at run time; dev dependencies (tests, typecheck) stay out.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY . .
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 4000
CMD ["npx", "tsx", "bin/start.ts"]
