#!/usr/bin/env sh
# Brings the stratsim example's database to head, then shows where it is and checks it against the models.
# Needs bin/retort.jar (mvn -B package -DskipTests). With no DATABASE_URL the database is the embedded H2 file
# .retort/db in this folder, so no server is needed; set DATABASE_URL (e.g. postgresql://postgres@127.0.0.1:5432/stratsim,
# mysql://root@127.0.0.1:3306/stratsim_app) to use a server instead.
set -e
cd "$(dirname "$0")"
../../bin/retort upgrade head
../../bin/retort current
../../bin/retort check
