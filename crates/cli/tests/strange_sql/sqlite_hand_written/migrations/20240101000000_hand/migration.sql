-- Hand-written SQLite: rowid alias without AUTOINCREMENT, lowercase types, a WITHOUT ROWID table.
BEGIN TRANSACTION;
create table "Tag" (
  id integer primary key autoincrement,
  name text not null collate nocase,
  weight real not null default 1.5,
  hidden boolean not null default false,
  "createdAt" datetime not null default current_timestamp
);
create unique index "Tag_name_key" on "Tag" (name);
create table "Link" (
  "tagId" integer not null references "Tag" (id) on delete cascade on update cascade,
  url text not null,
  primary key ("tagId", url)
) without rowid;
COMMIT;
PRAGMA user_version = 7;
