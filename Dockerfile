# One image for every Gerbang app; the app is chosen when the container starts:
#   docker build -t gerbang .
#   docker run -e APP=gateway -e NATS_URL=nats://nats:4222 -p 3000:3000 gerbang
# APP is one of: gateway auth-rbac retribusi-ingest realtime crm-masterdata isp-billing
# notification qr autogate. The operator CLI is in the image too: node dist/tools/cli/main.js

ARG NODE_VERSION=20.20

FROM node:${NODE_VERSION}-bookworm-slim AS build
# argon2 compiles its native addon during npm ci.
RUN apt-get update \
    && apt-get install -y --no-install-recommends python3 make g++ \
    && rm -rf /var/lib/apt/lists/*
# package.json's allowScripts (which dependencies may run install scripts) needs npm 11.
ARG NPM_VERSION=11.19.1
RUN npm install --global --no-audit --no-fund npm@${NPM_VERSION}
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.base.json tsconfig.json nx.json ./
COPY tools ./tools
COPY libs ./libs
COPY apps ./apps
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    METRICS_PORT=9464
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The image's files belong to root and are only read; the apps run as the image's node user.
USER node
EXPOSE 3000 9464
# The gateway answers /health on PORT; services on METRICS_PORT.
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
    CMD ["node", "-e", "const p=process.env.APP==='gateway'?process.env.PORT:process.env.METRICS_PORT;fetch('http://127.0.0.1:'+p+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# exec: node becomes PID 1 and receives SIGTERM itself, so every app drains before it exits.
ENTRYPOINT ["/bin/sh", "-c", "if [ ! -f \"dist/apps/${APP:-}/src/main.js\" ]; then echo \"set APP to one of: $(ls dist/apps | tr '\\n' ' ')\" >&2; exit 64; fi; exec node --enable-source-maps \"dist/apps/${APP}/src/main.js\""]
