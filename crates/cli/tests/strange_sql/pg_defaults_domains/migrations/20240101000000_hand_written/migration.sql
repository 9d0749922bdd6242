-- Written by hand, not by Prisma: other spellings of the same schema.
CREATE EXTENSION IF NOT EXISTS citext;
CREATE TYPE "Color" AS ENUM ('red', 'green');
CREATE DOMAIN email_address AS text CHECK (VALUE LIKE '%@%');
CREATE SEQUENCE "Thing_ticket_seq" AS integer START WITH 1000;

create table "Thing" (
  id serial primary key,
  ticket integer not null default nextval('"Thing_ticket_seq"'),
  email email_address not null,
  colors "Color"[] not null default array['red']::"Color"[],
  tags citext[],
  meta jsonb not null default '{}'::jsonb,
  label character varying(20) not null default ''::character varying,
  counter int8 not null default 0,
  ratio float8 not null default 0.5,
  at timestamp(6) with time zone not null default now(),
  "atUtc" timestamp(6) without time zone not null default (now() at time zone 'utc'),
  code text not null constraint "Thing_code_unique" unique,
  "ownerId" int4 references "Thing" (id) on delete set null on update cascade deferrable initially deferred
);
