DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'strata_reader') THEN
    RAISE NOTICE 'no reader role; skipping grants';
  END IF;
  INSERT INTO "Account" ("email") VALUES ('seed@example.com');
  UPDATE "Account" SET "balance" = 10 WHERE "email" = 'seed@example.com';
END
$$;

DO LANGUAGE plpgsql $do$
DECLARE r record;
BEGIN
  FOR r IN SELECT id FROM "Account" LOOP
    PERFORM 1; -- nothing; just a loop
  END LOOP;
END $do$;
