//! calculate: small Datamodels in, the key facts of the SqlSchema out. The Datamodels are
//! built by hand so that these tests pin calculate alone, whatever validation does.

use flavour::{calculate::calculate, Flavour};
use psl::ast::Span;
use psl::datamodel::*;
use sql_schema as sql;

fn datasource(provider: Provider) -> Datasource {
    Datasource {
        name: "db".into(),
        provider,
        provider_str: provider.as_str().into(),
        url: None,
        direct_url: None,
        shadow_database_url: None,
        relation_mode: RelationMode::ForeignKeys,
        schemas: Vec::new(),
        extensions: Vec::new(),
        span: Span::default(),
    }
}

fn datamodel(provider: Provider, models: Vec<Model>) -> Datamodel {
    Datamodel { datasource: Some(datasource(provider)), models, ..Default::default() }
}

fn model(name: &str, fields: Vec<ScalarField>) -> Model {
    Model {
        name: name.into(),
        database_name: name.into(),
        schema: None,
        is_view: false,
        ignored: false,
        documentation: None,
        scalar_fields: fields,
        relation_fields: Vec::new(),
        primary_key: None,
        indexes: Vec::new(),
        span: Span::default(),
    }
}

fn field(name: &str, tpe: FieldType, arity: Arity) -> ScalarField {
    ScalarField {
        name: name.into(),
        database_name: name.into(),
        arity,
        r#type: tpe,
        native_type: None,
        default: None,
        is_updated_at: false,
        ignored: false,
        documentation: None,
        span: Span::default(),
    }
}

fn scalar(name: &str, st: ScalarType) -> ScalarField {
    field(name, FieldType::Scalar(st), Arity::Required)
}

fn with_default(mut f: ScalarField, kind: DefaultKind) -> ScalarField {
    f.default = Some(DefaultValue { kind, map: None });
    f
}

fn index_field(field: ScalarFieldId) -> IndexField {
    IndexField { field, sort_order: None, length: None, operator_class: None }
}

fn pk(table: &str, fields: &[ScalarFieldId]) -> Option<PrimaryKey> {
    Some(PrimaryKey {
        fields: fields.iter().map(|f| index_field(*f)).collect(),
        name: None,
        database_name: format!("{table}_pkey"),
        clustered: None,
        span: Span::default(),
    })
}

fn with_id(mut m: Model, fields: &[ScalarFieldId]) -> Model {
    m.primary_key = pk(&m.database_name, fields);
    m
}

fn relation(to: ModelId, fields: Vec<ScalarFieldId>, references: Vec<ScalarFieldId>, arity: Arity) -> RelationField {
    RelationField {
        name: "rel".into(),
        arity,
        related_model: to,
        relation_name: "rel".into(),
        fields,
        references,
        on_delete: None,
        on_update: None,
        fk_name: None,
        ignored: false,
        documentation: None,
        span: Span::default(),
    }
}

fn enm(name: &str, values: &[(&str, &str)]) -> Enum {
    Enum {
        name: name.into(),
        database_name: name.into(),
        schema: None,
        values: values
            .iter()
            .map(|(n, db)| EnumValue { name: (*n).into(), database_name: (*db).into(), documentation: None })
            .collect(),
        documentation: None,
        span: Span::default(),
    }
}

fn table<'a>(schema: &'a sql::SqlSchema, name: &str) -> &'a sql::Table {
    schema.tables.iter().find(|t| t.name == name).unwrap_or_else(|| panic!("no table {name} in {schema:#?}"))
}

fn column<'a>(schema: &'a sql::SqlSchema, t: &str, c: &str) -> &'a sql::Column {
    table(schema, t).column(c).unwrap_or_else(|| panic!("no column {t}.{c}"))
}

#[test]
fn provider_default_native_types_are_filled_in() {
    let fields =
        vec![scalar("id", ScalarType::Int), scalar("s", ScalarType::String), scalar("d", ScalarType::DateTime)];
    let dm = datamodel(Provider::Postgres, vec![with_id(model("A", fields.clone()), &[0])]);
    let pg = calculate(&dm, Flavour::Postgres);
    assert_eq!(column(&pg, "A", "s").tpe.native, Some(sql::NativeType::new("Text", &[])));
    assert_eq!(column(&pg, "A", "d").tpe.native, Some(sql::NativeType::new("Timestamp", &["3"])));
    assert_eq!(column(&pg, "A", "id").tpe.family, sql::ColumnTypeFamily::Int);

    let my = calculate(&datamodel(Provider::Mysql, vec![with_id(model("A", fields.clone()), &[0])]), Flavour::Mysql);
    assert_eq!(column(&my, "A", "s").tpe.native, Some(sql::NativeType::new("VarChar", &["191"])));
    assert_eq!(column(&my, "A", "id").tpe.native, Some(sql::NativeType::new("Int", &[])));

    let lite = calculate(&datamodel(Provider::Sqlite, vec![with_id(model("A", fields), &[0])]), Flavour::Sqlite);
    assert!(table(&lite, "A").columns.iter().all(|c| c.tpe.native.is_none()));
}

#[test]
fn explicit_native_type_wins_and_sqlite_drops_it() {
    let mut s = scalar("s", ScalarType::String);
    s.native_type = Some(NativeType { name: "VarChar".into(), args: vec!["255".into()] });
    let dm = datamodel(Provider::Postgres, vec![model("A", vec![s])]);
    let pg = calculate(&dm, Flavour::Postgres);
    assert_eq!(column(&pg, "A", "s").tpe.native, Some(sql::NativeType::new("VarChar", &["255"])));
    assert_eq!(column(&calculate(&dm, Flavour::Sqlite), "A", "s").tpe.native, None);
}

#[test]
fn defaults_map_to_database_defaults_and_client_side_ones_vanish() {
    let fields = vec![
        with_default(scalar("id", ScalarType::Int), DefaultKind::Autoincrement),
        with_default(scalar("c", ScalarType::String), DefaultKind::Cuid),
        with_default(scalar("t", ScalarType::DateTime), DefaultKind::Now),
        with_default(scalar("g", ScalarType::String), DefaultKind::DbGenerated(Some("gen_random_uuid()".into()))),
        with_default(scalar("e", ScalarType::String), DefaultKind::DbGenerated(None)),
        with_default(scalar("f", ScalarType::Float), DefaultKind::Value(Value::Float("1.5".into()))),
        with_default(scalar("b", ScalarType::Bytes), DefaultKind::Value(Value::Bytes("aGk=".into()))),
        with_default(
            field("l", FieldType::Scalar(ScalarType::Int), Arity::List),
            DefaultKind::List(vec![Value::Int(1), Value::Int(2)]),
        ),
    ];
    let dm = datamodel(Provider::Postgres, vec![with_id(model("A", fields), &[0])]);
    let s = calculate(&dm, Flavour::Postgres);
    let id = column(&s, "A", "id");
    assert!(id.auto_increment);
    assert_eq!(id.default, None);
    assert_eq!(column(&s, "A", "c").default, None);
    let kind = |c: &str| column(&s, "A", c).default.as_ref().map(|d| d.kind.clone());
    assert_eq!(kind("t"), Some(sql::DefaultKind::Now));
    assert_eq!(kind("g"), Some(sql::DefaultKind::DbGenerated("gen_random_uuid()".into())));
    assert_eq!(kind("e"), Some(sql::DefaultKind::DbGenerated(String::new())));
    assert_eq!(kind("f"), Some(sql::DefaultKind::Value(sql::Literal::Float("1.5".into()))));
    assert_eq!(kind("b"), Some(sql::DefaultKind::Value(sql::Literal::Bytes(b"hi".to_vec()))));
    assert_eq!(
        kind("l"),
        Some(sql::DefaultKind::Value(sql::Literal::List(vec![sql::Literal::Int(1), sql::Literal::Int(2)])))
    );
    assert_eq!(column(&s, "A", "l").tpe.arity, sql::ColumnArity::List);
    assert_eq!(
        s.prisma_level_defaults,
        vec![sql::ColumnRef { namespace: None, table: "A".into(), column: "c".into() }]
    );
}

#[test]
fn sqlite_single_int_id_autoincrements_but_not_composite_or_bigint() {
    let single = with_id(model("A", vec![scalar("id", ScalarType::Int)]), &[0]);
    let composite = with_id(model("B", vec![scalar("x", ScalarType::Int), scalar("y", ScalarType::Int)]), &[0, 1]);
    let big =
        with_id(model("C", vec![with_default(scalar("id", ScalarType::BigInt), DefaultKind::Autoincrement)]), &[0]);
    let s = calculate(&datamodel(Provider::Sqlite, vec![single, composite, big]), Flavour::Sqlite);
    assert!(column(&s, "A", "id").auto_increment);
    assert!(!column(&s, "B", "x").auto_increment);
    assert!(!column(&s, "C", "id").auto_increment, "BIGINT PRIMARY KEY is no rowid alias");
    assert_eq!(table(&s, "A").primary_key.as_ref().and_then(|pk| pk.name.clone()), None);

    let pg = calculate(
        &datamodel(Provider::Postgres, vec![with_id(model("A", vec![scalar("id", ScalarType::Int)]), &[0])]),
        Flavour::Postgres,
    );
    assert!(!column(&pg, "A", "id").auto_increment);
    assert_eq!(table(&pg, "A").primary_key.as_ref().and_then(|pk| pk.name.clone()), Some("A_pkey".into()));
}

#[test]
fn enums_are_types_on_postgres_and_per_column_on_mysql() {
    let kind = enm("Kind", &[("info", "info"), ("Err", "error")]);
    let f =
        with_default(field("k", FieldType::Enum(0), Arity::Optional), DefaultKind::Value(Value::Enum("Err".into())));
    let mut dm = datamodel(Provider::Postgres, vec![model("T", vec![f])]);
    dm.enums = vec![kind];

    let pg = calculate(&dm, Flavour::Postgres);
    assert_eq!(pg.enums.len(), 1);
    assert_eq!(pg.enums[0].values, vec!["info".to_string(), "error".to_string()]);
    let k = column(&pg, "T", "k");
    assert_eq!(k.tpe.family, sql::ColumnTypeFamily::Enum("Kind".into()));
    assert_eq!(k.tpe.arity, sql::ColumnArity::Nullable);
    assert_eq!(k.default.as_ref().map(|d| &d.kind), Some(&sql::DefaultKind::Value(sql::Literal::Enum("error".into()))));

    let my = calculate(&dm, Flavour::Mysql);
    assert_eq!(my.enums.len(), 1);
    assert_eq!(my.enums[0].name, "T_k");
    assert_eq!(column(&my, "T", "k").tpe.family, sql::ColumnTypeFamily::Enum("T_k".into()));

    let lite = calculate(&dm, Flavour::Sqlite);
    assert!(lite.enums.is_empty());
    let k = column(&lite, "T", "k");
    assert_eq!(k.tpe.family, sql::ColumnTypeFamily::String);
    assert_eq!(
        k.default.as_ref().map(|d| &d.kind),
        Some(&sql::DefaultKind::Value(sql::Literal::String("error".into())))
    );
}

#[test]
fn foreign_keys_come_from_the_side_holding_fields() {
    let user = with_id(model("User", vec![scalar("id", ScalarType::Int)]), &[0]);
    let mut post = with_id(
        model(
            "Post",
            vec![scalar("id", ScalarType::Int), field("authorId", FieldType::Scalar(ScalarType::Int), Arity::Optional)],
        ),
        &[0],
    );
    post.relation_fields.push(relation(0, vec![1], vec![0], Arity::Optional));
    let mut back = relation(1, vec![], vec![], Arity::List);
    back.name = "posts".into();
    let mut user = user;
    user.relation_fields.push(back);
    let mut dm = datamodel(Provider::Postgres, vec![user, post]);

    let s = calculate(&dm, Flavour::Postgres);
    assert!(table(&s, "User").foreign_keys.is_empty());
    let fks = &table(&s, "Post").foreign_keys;
    assert_eq!(fks.len(), 1);
    assert_eq!(fks[0].name.as_deref(), Some("Post_authorId_fkey"));
    assert_eq!(fks[0].columns, vec!["authorId".to_string()]);
    assert_eq!(fks[0].referenced_table, "User");
    assert_eq!(fks[0].referenced_columns, vec!["id".to_string()]);
    assert_eq!(fks[0].on_delete, sql::ForeignKeyAction::SetNull);
    assert_eq!(fks[0].on_update, sql::ForeignKeyAction::Cascade);

    // Explicit actions and names from the Datamodel are kept.
    dm.models[1].relation_fields[0].on_delete = Some(ReferentialAction::Cascade);
    dm.models[1].relation_fields[0].fk_name = Some("custom".into());
    let s = calculate(&dm, Flavour::Postgres);
    let fk = &table(&s, "Post").foreign_keys[0];
    assert_eq!((fk.name.as_deref(), fk.on_delete), (Some("custom"), sql::ForeignKeyAction::Cascade));

    // relationMode = "prisma": no foreign keys at all.
    if let Some(ds) = dm.datasource.as_mut() {
        ds.relation_mode = RelationMode::Prisma;
    }
    let s = calculate(&dm, Flavour::Postgres);
    assert!(s.tables.iter().all(|t| t.foreign_keys.is_empty()));
}

#[test]
fn views_are_not_tables_but_ignored_models_and_fields_are() {
    let mut v = model("V", vec![scalar("x", ScalarType::Int)]);
    v.is_view = true;
    let mut ignored = model("I", vec![scalar("x", ScalarType::Int)]);
    ignored.ignored = true;
    let mut f = scalar("hidden", ScalarType::Int);
    f.ignored = true;
    let normal = model("N", vec![f]);
    let s = calculate(&datamodel(Provider::Postgres, vec![v, ignored, normal]), Flavour::Postgres);
    let names: Vec<&str> = s.tables.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, vec!["I", "N"]);
    assert!(table(&s, "N").column("hidden").is_some());
}

fn m2m_datamodel(provider: Provider) -> Datamodel {
    let mut a = with_id(model("Post", vec![scalar("id", ScalarType::Int)]), &[0]);
    let mut b = with_id(model("Tag", vec![scalar("id", ScalarType::String)]), &[0]);
    a.schema = Some("blog".into());
    b.schema = Some("meta".into());
    let mut dm = datamodel(provider, vec![a, b]);
    dm.many_to_many.push(ManyToMany {
        relation_name: "PostToTag".into(),
        table_name: "_PostToTag".into(),
        model_a: 0,
        model_b: 1,
        schema: Some("blog".into()),
    });
    if let Some(ds) = dm.datasource.as_mut() {
        ds.schemas = vec!["meta".into(), "blog".into()];
    }
    dm
}

#[test]
fn implicit_many_to_many_join_table_on_postgres() {
    let s = calculate(&m2m_datamodel(Provider::Postgres), Flavour::Postgres);
    assert_eq!(s.namespaces, vec!["meta".to_string(), "blog".to_string()]);
    let join = table(&s, "_PostToTag");
    assert_eq!(join.namespace.as_deref(), Some("blog"));
    assert_eq!(join.columns[0].name, "A");
    assert_eq!(join.columns[0].tpe.native, Some(sql::NativeType::new("Integer", &[])));
    assert_eq!(join.columns[1].tpe.native, Some(sql::NativeType::new("Text", &[])));
    assert!(!join.columns[0].auto_increment);
    let pk = join.primary_key.as_ref().expect("join table pk");
    assert_eq!(pk.name.as_deref(), Some("_PostToTag_AB_pkey"));
    assert_eq!(join.indexes.len(), 1);
    assert_eq!(join.indexes[0].name, "_PostToTag_B_index");
    let fk_b = &join.foreign_keys[1];
    assert_eq!(fk_b.name.as_deref(), Some("_PostToTag_B_fkey"));
    assert_eq!(fk_b.referenced_namespace.as_deref(), Some("meta"));
    assert_eq!((fk_b.on_delete, fk_b.on_update), (sql::ForeignKeyAction::Cascade, sql::ForeignKeyAction::Cascade));
}

#[test]
fn implicit_many_to_many_join_table_elsewhere_uses_a_unique_index() {
    let s = calculate(&m2m_datamodel(Provider::Sqlite), Flavour::Sqlite);
    assert!(s.namespaces.is_empty());
    let join = table(&s, "_PostToTag");
    assert_eq!(join.namespace, None);
    assert!(join.primary_key.is_none());
    let names: Vec<&str> = join.indexes.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(names, vec!["_PostToTag_AB_unique", "_PostToTag_B_index"]);
    assert_eq!(join.indexes[0].kind, sql::IndexKind::Unique);
    assert!(!join.columns[0].auto_increment, "join columns never autoincrement, even on SQLite");
}

#[test]
fn indexes_keep_order_sort_length_and_postgres_method() {
    let mut m = with_id(
        model("A", vec![scalar("id", ScalarType::Int), scalar("a", ScalarType::String), scalar("j", ScalarType::Json)]),
        &[0],
    );
    let idx = |kind, name: &str, fields: Vec<IndexField>, algorithm: Option<&str>| Index {
        kind,
        fields,
        name: None,
        database_name: name.into(),
        algorithm: algorithm.map(String::from),
        clustered: None,
        where_clause: None,
        span: Span::default(),
    };
    let mut desc = index_field(1);
    desc.sort_order = Some(SortOrder::Desc);
    desc.length = Some(10);
    let mut ops = index_field(2);
    ops.operator_class = Some("JsonbPathOps".into());
    m.indexes = vec![
        idx(IndexKind::Unique, "A_a_key", vec![index_field(1)], None),
        idx(IndexKind::Normal, "A_a_idx", vec![desc], Some("BTree")),
        idx(IndexKind::Normal, "A_j_idx", vec![ops], Some("Gin")),
    ];
    let dm = datamodel(Provider::Postgres, vec![m]);
    let s = calculate(&dm, Flavour::Postgres);
    let t = table(&s, "A");
    let names: Vec<&str> = t.indexes.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(names, vec!["A_a_key", "A_a_idx", "A_j_idx"]);
    assert_eq!(t.indexes[1].algorithm, None, "BTree is the default method");
    assert_eq!(t.indexes[1].columns[0].sort_order, Some(sql::SortOrder::Desc));
    assert_eq!(t.indexes[1].columns[0].length, Some(10));
    assert_eq!(t.indexes[2].algorithm.as_deref(), Some("Gin"));
    assert_eq!(t.indexes[2].columns[0].operator_class.as_deref(), Some("jsonb_path_ops"));

    let my = calculate(&dm, Flavour::Mysql);
    assert_eq!(table(&my, "A").indexes[2].algorithm, None);
}

#[test]
fn extensions_and_mapped_names_on_postgres() {
    let mut m = with_id(model("User", vec![scalar("id", ScalarType::Int)]), &[0]);
    m.database_name = "users".into();
    m.scalar_fields[0].database_name = "user_id".into();
    let mut dm = datamodel(Provider::Postgres, vec![m]);
    if let Some(ds) = dm.datasource.as_mut() {
        ds.extensions =
            vec![Extension { name: "pgcrypto".into(), db_name: None, schema: Some("public".into()), version: None }];
    }
    let s = calculate(&dm, Flavour::Postgres);
    assert_eq!(
        s.extensions,
        vec![sql::Extension { name: "pgcrypto".into(), schema: Some("public".into()), version: None }]
    );
    assert!(table(&s, "users").column("user_id").is_some());
    assert!(calculate(&dm, Flavour::Mysql).extensions.is_empty());
}
