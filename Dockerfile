# OpsFlux: the engine image (`opsflux start --no-seed`: apply the shipped bundles, then serve).
FROM node:20-bookworm-slim

WORKDIR /app
RUN chown node:node /app
USER node

# The whole tree goes in before `npm ci`: the workspaces (engine's `opsflux` bin included)
# must exist when npm links them. node_modules, data, dist and .git are kept out by .dockerignore.
COPY --chown=node:node . .

# Dev dependencies are needed here (vite builds the apps), so NODE_ENV is set only afterwards.
RUN npm ci && npm run build:apps && npm cache clean --force

ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000
EXPOSE 3000

# `--no`: run the local workspace bin, never fetch a package called "opsflux" from the registry.
CMD ["npx", "--no", "opsflux", "start", "--no-seed"]
