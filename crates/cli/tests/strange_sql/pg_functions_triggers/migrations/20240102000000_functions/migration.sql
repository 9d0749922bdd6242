-- A trigger keeping "updatedAt" fresh; the body holds semicolons and quotes.
CREATE OR REPLACE FUNCTION touch_updated_at() RETURNS TRIGGER AS $$
BEGIN
  NEW."updatedAt" := now(); -- it's a comment with a quote; and a semicolon
  RAISE NOTICE 'touched %; don''t worry', NEW.id;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER account_touch BEFORE UPDATE ON "Account"
  FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

-- A tagged body that itself contains $$ and a nested dollar-quoted string.
CREATE FUNCTION audit_balance() RETURNS trigger
LANGUAGE plpgsql AS $body$
DECLARE
  msg text := $msg$balance changed; was $$old$$ now 'new'$msg$;
BEGIN
  IF NEW.balance IS DISTINCT FROM OLD.balance THEN
    INSERT INTO "Audit" ("accountId", "note") VALUES (NEW.id, msg || ';' || OLD.balance::text);
  END IF;
  RETURN NEW;
END
$body$;

CREATE TRIGGER account_audit AFTER UPDATE OF balance ON "Account"
  FOR EACH ROW EXECUTE PROCEDURE audit_balance();

/* A SQL-standard body (PostgreSQL 14+): semicolons inside BEGIN ATOMIC … END. */
CREATE FUNCTION account_count() RETURNS bigint
LANGUAGE sql
BEGIN ATOMIC
  SELECT count(*) FROM "Account";
END;

COMMENT ON TABLE "Account" IS 'Customer accounts; balance in EUR';
COMMENT ON COLUMN "Account"."email" IS 'Login e-mail; unique';
