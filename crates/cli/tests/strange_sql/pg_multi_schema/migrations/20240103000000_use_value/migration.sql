INSERT INTO "auth"."Account" ("email", "role") VALUES ('audit@example.com', 'AUDITOR');
INSERT INTO "public"."Profile" ("accountId", "roles") SELECT "id", ARRAY['AUDITOR', 'MEMBER']::"auth"."Role"[] FROM "auth"."Account";
