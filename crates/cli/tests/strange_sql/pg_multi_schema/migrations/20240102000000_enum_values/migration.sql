-- AlterEnum
ALTER TYPE "auth"."Role" ADD VALUE 'AUDITOR';

-- A function and a view in the other schema.
CREATE FUNCTION "auth"."account_email_domain"(email text) RETURNS text
LANGUAGE sql IMMUTABLE AS $fn$ SELECT split_part(email, '@', 2); $fn$;

CREATE VIEW "auth"."AccountDomains" AS SELECT "id", "auth"."account_email_domain"("email") AS "domain" FROM "auth"."Account";
