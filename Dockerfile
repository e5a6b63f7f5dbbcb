# The event-contracts registry (`evc serve`). TypeScript runs through tsx, so there is
# no build step. Configure with DATABASE_URL (PostgreSQL) or mount /app/.evc for PGlite.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production PACT_DO_NOT_TRACK=true
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY . .
RUN mkdir -p /app/.evc && chown -R node:node /app/.evc
USER node
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:8080/health').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
CMD ["node", "bin/evc.js", "serve", "--host", "0.0.0.0", "--port", "8080"]
