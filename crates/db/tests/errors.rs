//! Connection errors carry Prisma's codes and texts, and never show the password.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::{mysql_url, pg_url, random_hex, TestDb};
use db::{Connection, ConnectionInfo, DbError};

fn connect_err(url: &str) -> DbError {
    let info = ConnectionInfo::parse(url, Path::new(".")).unwrap();
    Connection::connect(&info).unwrap_err()
}

fn assert_no_secret(err: &DbError, secret: &str) {
    assert!(!err.to_string().contains(secret), "{err}");
    assert!(!format!("{err:?}").contains(secret), "{err:?}");
}

fn swap_db(base: &str, db: &str) -> String {
    ConnectionInfo::parse(base, Path::new(".")).unwrap().with_database(db).url_with_secrets().to_string()
}

#[test]
fn mysql_wrong_password_is_p1000() {
    let user = format!("strata_u_{}", random_hex());
    let admin_info = ConnectionInfo::parse(&mysql_url(), Path::new(".")).unwrap();
    let mut admin = Connection::connect(&admin_info).unwrap();
    admin.raw_cmd(&format!("CREATE USER '{user}'@'%' IDENTIFIED BY 'RightPassw0rd'")).unwrap();
    let secret = "WrongPassw0rd";
    let err = connect_err(&format!("mysql://{user}:{secret}@127.0.0.1:3306/test"));
    admin.raw_cmd(&format!("DROP USER '{user}'@'%'")).unwrap();
    assert_eq!(err.code(), Some("P1000"), "{err}");
    assert_eq!(
        err.to_string(),
        format!("Authentication failed against database server, the provided database credentials for `{user}` are not valid.\n\nPlease make sure to provide valid database credentials for the database server at the configured address.")
    );
    assert_no_secret(&err, secret);
}

#[test]
fn postgres_unknown_role_is_p1010() {
    let secret = "pw_never_shown_42";
    let err = connect_err(&format!("postgresql://no_such_role_{}:{secret}@127.0.0.1:5432/postgres", random_hex()));
    assert_eq!(err.code(), Some("P1010"), "{err}");
    assert_no_secret(&err, secret);
}

#[test]
fn refused_port_is_p1001_quickly() {
    for url in ["postgresql://u:hunter2secret@127.0.0.1:1/db", "mysql://u:hunter2secret@127.0.0.1:1/db"] {
        let started = Instant::now();
        let err = connect_err(url);
        assert!(started.elapsed() < Duration::from_secs(3));
        assert_eq!(err.code(), Some("P1001"), "{err}");
        assert_eq!(err.to_string(), "Can't reach database server at `127.0.0.1:1`\n\nPlease make sure your database server is running at `127.0.0.1:1`.");
        assert_no_secret(&err, "hunter2secret");
    }
}

#[test]
fn silent_host_times_out_as_p1001() {
    // 10.255.255.1 is unroutable; where a sandbox accepts the TCP connection anyway, the
    // overall connect deadline must still fire.
    for url in ["postgresql://u@10.255.255.1:5432/db?connect_timeout=1", "mysql://u@10.255.255.1:3306/db?connect_timeout=1"] {
        let started = Instant::now();
        let err = connect_err(url);
        assert!(started.elapsed() < Duration::from_secs(4), "{:?}", started.elapsed());
        assert_eq!(err.code(), Some("P1001"), "{url}: {err}");
    }
}

#[test]
fn unknown_database_is_p1003() {
    let name = format!("strata_missing_{}", random_hex());
    for base in [pg_url(), mysql_url()] {
        let err = connect_err(&swap_db(&base, &name));
        assert_eq!(err.code(), Some("P1003"), "{err}");
        assert_eq!(err.to_string(), format!("Database `{name}` does not exist"));
    }
    let dir = tempfile::tempdir().unwrap();
    let info = ConnectionInfo::parse("file:./missing.db", dir.path()).unwrap();
    let err = Connection::connect(&info).unwrap_err();
    assert_eq!(err.to_string(), "Database `missing.db` does not exist");
}

#[test]
fn server_errors_keep_the_database_code() {
    let db = TestDb::pg();
    let mut conn = db.connect();
    let err = conn.raw_cmd("SELECT * FROM no_such_table").unwrap_err();
    assert_eq!(err.code(), None);
    assert_eq!(err.database_code(), Some("42P01"));
    assert_eq!(err.to_string(), "relation \"no_such_table\" does not exist");

    let db = TestDb::mysql();
    let mut conn = db.connect();
    let err = conn.query("SELECT * FROM no_such_table", &[]).unwrap_err();
    assert_eq!(err.database_code(), Some("1146"));
}

#[test]
fn tls_strict_against_self_signed_server_is_p1011() {
    // The local server uses a self-signed ("snakeoil") certificate: strict verification fails.
    let info = ConnectionInfo::parse(&pg_url(), Path::new(".")).unwrap();
    let url = format!("{}?sslmode=require&sslaccept=strict", info.url_with_secrets().split('?').next().unwrap());
    let err = connect_err(&url);
    assert_eq!(err.code(), Some("P1011"), "{err}");
    assert!(err.to_string().starts_with("Error opening a TLS connection: "), "{err}");
    // The default (accept_invalid_certs) connects over TLS.
    let url = format!("{}?sslmode=require", info.url_with_secrets().split('?').next().unwrap());
    Connection::connect(&ConnectionInfo::parse(&url, Path::new(".")).unwrap()).unwrap();
}

#[test]
fn pkcs12_identities_are_refused_with_p1011() {
    for url in ["postgresql://u@127.0.0.1:1/db?sslidentity=client.p12", "mysql://u@127.0.0.1:1/db?sslidentity=client.p12&sslpassword=x"] {
        let err = connect_err(url);
        assert_eq!(err.code(), Some("P1011"), "{url}: {err}");
    }
}

#[test]
fn mysql_socket_timeout_is_p1008() {
    let db = TestDb::mysql();
    let url = format!("{}?socket_timeout=1", db.info.url_with_secrets());
    let mut conn = Connection::connect(&ConnectionInfo::parse(&url, Path::new(".")).unwrap()).unwrap();
    let err = conn.query("SELECT SLEEP(3)", &[]).unwrap_err();
    assert_eq!(err.code(), Some("P1008"), "{err}");
    assert_eq!(
        err.to_string(),
        "Socket timeout (the database failed to respond to a query within the configured timeout — see https://pris.ly/d/mysql-connector for more details)."
    );
}

#[test]
fn postgres_socket_timeout_is_p1008() {
    let db = TestDb::pg();
    let url = format!("{}?socket_timeout=1", db.info.url_with_secrets());
    let mut conn = Connection::connect(&ConnectionInfo::parse(&url, Path::new(".")).unwrap()).unwrap();
    let err = conn.raw_cmd("SELECT pg_sleep(3)").unwrap_err();
    assert_eq!(err.code(), Some("P1008"), "{err}");
    assert!(err.to_string().ends_with("— see https://pris.ly/d/postgresql-connector for more details)."), "{err}");
}

#[test]
fn tls_modes_against_local_servers() {
    // PostgreSQL without TLS.
    let base = pg_url();
    let plain = format!("{}?sslmode=disable", base.split('?').next().unwrap());
    let mut conn = Connection::connect(&ConnectionInfo::parse(&plain, Path::new(".")).unwrap()).unwrap();
    let rows = conn.query("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()", &[]).unwrap();
    assert_eq!(rows, vec![vec![db::Value::Bool(false)]]);
    // The default (prefer) uses TLS when the server offers it.
    let mut conn = Connection::connect(&ConnectionInfo::parse(&base, Path::new(".")).unwrap()).unwrap();
    let ssl_on = conn.query("SHOW ssl", &[]).unwrap()[0][0].as_str() == Some("on");
    let rows = conn.query("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()", &[]).unwrap();
    assert_eq!(rows, vec![vec![db::Value::Bool(ssl_on)]]);
    // MySQL: asking for TLS from a server without it is P1011.
    let mut have_ssl = Connection::connect(&ConnectionInfo::parse(&mysql_url(), Path::new(".")).unwrap()).unwrap();
    let have = have_ssl.query("SELECT @@have_ssl", &[]).unwrap()[0][0].to_text();
    let tls_url = format!("{}?sslaccept=accept_invalid_certs", mysql_url().split('?').next().unwrap());
    let result = Connection::connect(&ConnectionInfo::parse(&tls_url, Path::new(".")).unwrap());
    match have.as_deref() {
        Some("YES") => assert!(result.is_ok()),
        _ => assert_eq!(result.unwrap_err().code(), Some("P1011")),
    }
}
