//! Connection URL parsing.

use std::path::Path;

use db::{ConnectionInfo, DbKind, SslAccept, SslMode};

fn parse(url: &str) -> ConnectionInfo {
    ConnectionInfo::parse(url, Path::new("/project/prisma")).unwrap()
}

fn parse_err(url: &str) -> db::DbError {
    ConnectionInfo::parse(url, Path::new("/project/prisma")).unwrap_err()
}

#[test]
fn postgres_full_form() {
    let info = parse("postgresql://johndoe:s3cr%40t@db.example.com:6543/my%20db?schema=tenant_1&sslmode=require&connect_timeout=10");
    assert_eq!(info.kind(), DbKind::Postgres);
    assert_eq!(info.database_name(), "my db");
    assert_eq!(info.schema_name(), Some("tenant_1"));
    assert_eq!(info.location(), "db.example.com:6543");
    assert_eq!(info.user(), Some("johndoe"));
    assert_eq!(info.tls().unwrap().mode, SslMode::Require);
    assert_eq!(info.redacted_url(), "postgresql://johndoe:****@db.example.com:6543/my%20db?schema=tenant_1&sslmode=require&connect_timeout=10");
}

#[test]
fn postgres_defaults() {
    let info = parse("postgres://localhost");
    assert_eq!(info.database_name(), "postgres");
    assert_eq!(info.schema_name(), Some("public"));
    assert_eq!(info.location(), "localhost:5432");
    assert_eq!(info.user(), Some("postgres"));
    let tls = info.tls().unwrap();
    assert_eq!((tls.mode, tls.accept), (SslMode::Prefer, SslAccept::AcceptInvalidCerts));
}

#[test]
fn postgres_tls_parameters() {
    let info = parse("postgresql://u@h/db?sslmode=prefer&sslcert=../certs/root.pem&sslaccept=strict");
    let tls = info.tls().unwrap();
    assert_eq!(tls.accept, SslAccept::Strict);
    assert_eq!(tls.root_cert.as_deref(), Some(Path::new("/project/prisma/../certs/root.pem")));
    // Unknown values fall back like Prisma: sslmode → prefer, sslaccept → strict.
    let tls = parse("postgresql://u@h/db?sslmode=verify-full&sslaccept=whatever").tls().unwrap().clone();
    assert_eq!((tls.mode, tls.accept), (SslMode::Prefer, SslAccept::Strict));
    assert_eq!(parse("postgresql://u@h/db?sslmode=disable").tls().unwrap().mode, SslMode::Disable);
}

#[test]
fn postgres_socket_host_param() {
    let info = parse("postgresql://postgres@localhost/mydb?host=/var/run/postgresql");
    assert_eq!(info.location(), "/var/run/postgresql");
    // As in Prisma (same URL parser), the authority needs a host even with `?host=`.
    assert_eq!(parse_err("postgresql://postgres@/mydb?host=/tmp").code(), Some("P1013"));
    let info = parse("postgresql://postgres@ignored/mydb?host=other.example");
    assert_eq!(info.location(), "other.example:5432");
}

#[test]
fn ipv6_hosts() {
    assert_eq!(parse("postgresql://u@[::1]:5433/db").location(), "::1:5433");
    assert_eq!(parse("mysql://u@[2001:db8::1]/db").host(), Some("2001:db8::1"));
}

#[test]
fn mysql_forms() {
    let info = parse("mysql://root:p%3Ass@127.0.0.1:3307/shop?connection_limit=5&sslaccept=strict");
    assert_eq!(info.kind(), DbKind::Mysql);
    assert_eq!(info.database_name(), "shop");
    assert_eq!(info.schema_name(), None);
    assert_eq!(info.location(), "127.0.0.1:3307");
    let tls = info.tls().unwrap();
    assert_eq!((tls.mode, tls.accept), (SslMode::Require, SslAccept::Strict));
    assert!(!info.redacted_url().contains("p%3Ass"));
    let plain = parse("mysql://root@localhost/shop");
    assert_eq!(plain.tls().unwrap().mode, SslMode::Disable);
    assert_eq!(plain.location(), "localhost:3306");
    let socket = parse("mysql://root@localhost/shop?socket=(/run/mysqld/mysqld.sock)");
    assert_eq!(socket.location(), "/run/mysqld/mysqld.sock");
    assert!(socket.tls().is_some());
}

#[test]
fn sqlite_paths_are_relative_to_base_dir() {
    let info = parse("file:./dev.db");
    assert_eq!(info.kind(), DbKind::Sqlite);
    assert_eq!(info.database_name(), "dev.db");
    assert_eq!(info.sqlite_path(), Some(Path::new("/project/prisma/dev.db")));
    assert_eq!(info.schema_name(), None);
    assert_eq!(parse("file:dev.db").sqlite_path(), Some(Path::new("/project/prisma/dev.db")));
    assert_eq!(parse("file:../data/app.sqlite?connection_limit=1").sqlite_path(), Some(Path::new("/project/data/app.sqlite")));
    assert_eq!(parse("file:/abs/x.db").sqlite_path(), Some(Path::new("/abs/x.db")));
    assert_eq!(parse("sqlite:./dev.db").sqlite_path(), Some(Path::new("/project/prisma/dev.db")));
    assert_eq!(parse("file:./dev.db").redacted_url(), "file:./dev.db");
}

#[test]
fn with_database_keeps_server_and_credentials() {
    let info = parse("postgresql://u:pw@h:1/main?schema=s");
    let shadow = info.with_database("prisma_migrate_shadow_db_1");
    assert_eq!(shadow.database_name(), "prisma_migrate_shadow_db_1");
    assert_eq!(shadow.location(), "h:1");
    assert_eq!(shadow.schema_name(), Some("s"));
    assert_eq!(shadow.redacted_url(), "postgresql://u:****@h:1/prisma_migrate_shadow_db_1?schema=s");
    let lite = parse("file:./dev.db").with_database("shadow.db");
    assert_eq!(lite.sqlite_path(), Some(Path::new("/project/prisma/shadow.db")));
}

#[test]
fn malformed_urls_are_p1013() {
    for (url, needle) in [
        ("postgresql://u@h:notaport/db", "invalid port number"),
        ("postgresql://u@h:99999/db", "invalid port number"),
        ("mysql://u@[::1/db", "invalid IPv6 address"),
        ("localhost:5432/db", "scheme"),
        ("mongodb://h/db", "`mongodb`"),
        ("postgresql://u@h/db?connect_timeout=soon", "connect_timeout"),
        ("file:", "no file path"),
    ] {
        let err = parse_err(url);
        assert_eq!(err.code(), Some("P1013"), "{url}");
        let text = err.to_string();
        assert!(text.starts_with("The provided database string is invalid. "), "{text}");
        assert!(text.contains(needle), "{url}: {text}");
    }
    assert_eq!(
        parse_err("postgresql://u@h:x/db").to_string(),
        "The provided database string is invalid. invalid port number in database URL. Please refer to the documentation in https://www.prisma.io/docs/reference/database-reference/connection-urls for constructing a correct connection string. In some cases, certain characters must be escaped. Please check the string for any illegal characters."
    );
}

#[test]
fn password_never_shown() {
    let secret = "Sup3rS3cret";
    for url in [
        format!("postgresql://user:{secret}@host:5432/db"),
        format!("mysql://user:{secret}@host/db"),
        format!("postgresql://user:{secret}@host:bad/db"),
    ] {
        match ConnectionInfo::parse(&url, Path::new(".")) {
            Ok(info) => {
                assert!(!format!("{info:?}").contains(secret));
                assert!(!info.redacted_url().contains(secret));
                assert!(!info.location().contains(secret));
            }
            Err(e) => {
                assert!(!e.to_string().contains(secret));
                assert!(!format!("{e:?}").contains(secret));
            }
        }
    }
    assert_eq!(db::redact("postgresql://u:p@ss@h:x/db"), "postgresql://u:****@h:x/db");
}

#[test]
fn reach_location_follows_prisma() {
    assert_eq!(parse("postgresql://u@h:1/db").reach_location(), "h:1");
    assert_eq!(parse("postgresql://u@localhost/db?host=/var/run/postgresql").reach_location(), "/var/run/postgresql:5432");
    assert_eq!(parse("mysql://u@localhost/db?socket=/tmp/my.sock").reach_location(), "localhost:3306");
}
