//! SQLite table redefinitions run inside the deploy transaction, where `PRAGMA foreign_keys=OFF`
//! is a no-op: the deploy must turn foreign keys off before `BEGIN`, or `DROP TABLE` on the
//! parent would cascade-delete the children.

mod common;

use common::{deploy, Folder, Provider, TestDb};

const INIT: &str = "CREATE TABLE \"Parent\" (\"id\" INTEGER NOT NULL PRIMARY KEY, \"name\" TEXT NOT NULL);
CREATE TABLE \"Child\" (
    \"id\" INTEGER NOT NULL PRIMARY KEY,
    \"parentId\" INTEGER NOT NULL,
    CONSTRAINT \"Child_parentId_fkey\" FOREIGN KEY (\"parentId\") REFERENCES \"Parent\" (\"id\") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO \"Parent\" VALUES (1, 'a'), (2, 'b');
INSERT INTO \"Child\" VALUES (10, 1), (11, 1), (12, 2);
";

/// What Prisma generates to make `Parent.name` nullable.
const REDEFINE: &str = "-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE \"new_Parent\" (
    \"id\" INTEGER NOT NULL PRIMARY KEY,
    \"name\" TEXT
);
INSERT INTO \"new_Parent\" (\"id\", \"name\") SELECT \"id\", \"name\" FROM \"Parent\";
DROP TABLE \"Parent\";
ALTER TABLE \"new_Parent\" RENAME TO \"Parent\";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
";

#[test]
fn redefinition_does_not_cascade_delete_children() {
    let db = TestDb::new(Provider::Sqlite);
    let folder = Folder::new(Provider::Sqlite, &[("20240101000000_init", INIT), ("20240102000000_redefine", REDEFINE)]);
    assert_eq!(deploy(&db, &folder).expect("deploy").applied.len(), 2);
    assert_eq!(db.count("SELECT COUNT(*) FROM \"Child\""), 3, "children were cascade-deleted");
    assert_eq!(db.count("SELECT COUNT(*) FROM \"Parent\""), 2);
    // The foreign key still points at the (new) Parent table and still cascades.
    let mut conn = db.conn();
    conn.raw_cmd("DELETE FROM \"Parent\" WHERE \"id\" = 1").unwrap();
    let rows = conn.query("SELECT COUNT(*) FROM \"Child\"", &[]).unwrap();
    assert_eq!(rows[0][0].as_i64(), Some(1));
}

#[test]
fn failed_redefinition_rolls_back_and_keeps_children() {
    let db = TestDb::new(Provider::Sqlite);
    let broken = REDEFINE.replace("PRAGMA foreign_keys=ON;", "INSERT INTO \"nope\" VALUES (1);\nPRAGMA foreign_keys=ON;");
    let folder = Folder::new(Provider::Sqlite, &[("20240101000000_init", INIT), ("20240102000000_redefine", &broken)]);
    let err = deploy(&db, &folder).unwrap_err();
    assert_eq!(err.code(), Some("P3018"));
    assert_eq!(db.count("SELECT COUNT(*) FROM \"Child\""), 3);
    assert_eq!(db.count("SELECT COUNT(*) FROM \"Parent\""), 2);
    assert!(!db.table_exists("new_Parent"));
    // The original NOT NULL column is back.
    let rows = db.query("SELECT \"notnull\" FROM pragma_table_info('Parent') WHERE name = 'name'");
    assert_eq!(rows[0][0].as_i64(), Some(1));
}
