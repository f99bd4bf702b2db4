#!/bin/sh
# Container start: upgrade the database if this image is newer (verified backup → migrations → integrity check;
# nothing happens when it is up to date), then run the server under `npm start`'s restart supervisor.
set -eu
cd /opt/kusanya
node --import tsx server/src/cli/main.ts upgrade --if-needed
exec node scripts/start.mjs
