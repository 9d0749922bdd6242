-- Objects in a schema the datasource does not list: ignored by describe.
CREATE SCHEMA "audit";
CREATE TYPE "audit"."Level" AS ENUM ('low', 'high');
CREATE TABLE "audit"."Entry" ("id" SERIAL PRIMARY KEY, "level" "audit"."Level" NOT NULL);
