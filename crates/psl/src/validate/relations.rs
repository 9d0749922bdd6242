//! Checks specific to 1:1 and 1:n relations.

use super::attrs::attribute_error;
use super::checks::{unique_criteria, Ctx};
use super::db::{field_error, FieldIdx, ModelIdx, Relation};
use crate::ast::FieldArity;
use crate::diagnostics::Diagnostic;

const FORMAT_HINT: &str = "You can run `prisma format` to fix this automatically.";

struct Side<'r> {
    m: ModelIdx,
    f: FieldIdx,
    _rel: &'r Relation,
}

fn sides(rel: &Relation) -> (Option<Side<'_>>, Option<Side<'_>>) {
    (
        rel.field_a.map(|f| Side { m: rel.model_a, f, _rel: rel }),
        rel.field_b.map(|f| Side { m: rel.model_b, f, _rel: rel }),
    )
}

fn has_fields(ctx: &Ctx<'_, '_>, s: &Side<'_>) -> bool {
    ctx.db.models[s.m].relation(s.f).and_then(|r| r.fields.as_ref()).is_some_and(|v| !v.is_empty())
}

fn has_refs(ctx: &Ctx<'_, '_>, s: &Side<'_>) -> bool {
    ctx.db.models[s.m].relation(s.f).and_then(|r| r.references.as_ref()).is_some_and(|v| !v.is_empty())
}

fn has_actions(ctx: &Ctx<'_, '_>, s: &Side<'_>) -> bool {
    ctx.db.models[s.m].relation(s.f).is_some_and(|r| r.on_delete.is_some() || r.on_update.is_some())
}

fn names(ctx: &Ctx<'_, '_>, s: &Side<'_>) -> (String, String) {
    let model = &ctx.db.models[s.m];
    (model.field_name(s.f).to_owned(), model.name().to_owned())
}

fn span(ctx: &Ctx<'_, '_>, s: &Side<'_>) -> crate::ast::Span {
    ctx.db.models[s.m].ast.fields[s.f].span
}

fn missing_opposite(ctx: &mut Ctx<'_, '_>, s: &Side<'_>) {
    let model = &ctx.db.models[s.m];
    let related = model.relation(s.f).map(|r| ctx.db.models[r.target].name()).unwrap_or_default();
    let container = model.container();
    let fname = model.field_name(s.f);
    let d = field_error(
        &format!(
            "The relation field `{fname}` on {container} `{}` is missing an opposite relation field on the model `{related}`. Either run `prisma format` or add it manually.",
            model.name()
        ),
        container,
        model.name(),
        fname,
        model.ast.fields[s.f].span,
    );
    ctx.diags.push(d);
}

fn rel_error(ctx: &mut Ctx<'_, '_>, msg: &str, s: &Side<'_>) {
    let sp = span(ctx, s);
    ctx.diags.push(attribute_error("@relation", msg, sp));
}

pub(crate) fn one_to_many(ctx: &mut Ctx<'_, '_>, rel: &Relation) {
    let (forward, back) = sides(rel);
    match (&forward, &back) {
        (Some(f), None) => missing_opposite(ctx, f),
        (None, Some(b)) => missing_opposite(ctx, b),
        _ => {}
    }
    let (Some(forward), Some(back)) = (forward, back) else { return };
    let (ff, fm) = names(ctx, &forward);
    let (bf, bm) = names(ctx, &back);
    if !has_fields(ctx, &forward) {
        rel_error(
            ctx,
            &format!("The relation field `{ff}` on Model `{fm}` must specify the `fields` argument in the @relation attribute. {FORMAT_HINT}"),
            &forward,
        );
    }
    if !has_refs(ctx, &forward) {
        rel_error(
            ctx,
            &format!("The relation field `{ff}` on Model `{fm}` must specify the `references` argument in the @relation attribute."),
            &forward,
        );
    }
    if has_fields(ctx, &back) || has_refs(ctx, &back) {
        rel_error(
            ctx,
            &format!("The relation field `{bf}` on Model `{bm}` must not specify the `fields` or `references` argument in the @relation attribute. You must only specify it on the opposite field `{ff}` on model `{fm}`."),
            &back,
        );
    }
    if has_actions(ctx, &back) {
        rel_error(
            ctx,
            &format!("The relation field `{bf}` on Model `{bm}` must not specify the `onDelete` or `onUpdate` argument in the @relation attribute. You must only specify it on the opposite field `{ff}` on model `{fm}`, or in case of a many to many relation, in an explicit join table."),
            &back,
        );
    }
}

pub(crate) fn one_to_one(ctx: &mut Ctx<'_, '_>, rel: &Relation) {
    let (forward, back) = sides(rel);
    let Some(forward) = forward else { return };
    let Some(back) = back else {
        missing_opposite(ctx, &forward);
        fields_must_be_unique(ctx, rel, &forward);
        return;
    };
    let (ff, fm) = names(ctx, &forward);
    let (bf, bm) = names(ctx, &back);

    if !has_fields(ctx, &forward) && !has_fields(ctx, &back) {
        rel_error(ctx, &format!("The relation fields `{ff}` on Model `{fm}` and `{bf}` on Model `{bm}` do not provide the `fields` argument in the @relation attribute. You have to provide it on one of the two fields."), &forward);
        rel_error(ctx, &format!("The relation fields `{bf}` on Model `{bm}` and `{ff}` on Model `{fm}` do not provide the `fields` argument in the @relation attribute. You have to provide it on one of the two fields."), &back);
    }
    if !has_refs(ctx, &forward) && !has_refs(ctx, &back) {
        rel_error(ctx, &format!("The relation fields `{ff}` on Model `{fm}` and `{bf}` on Model `{bm}` do not provide the `references` argument in the @relation attribute. You have to provide it on one of the two fields."), &forward);
        rel_error(ctx, &format!("The relation fields `{bf}` on Model `{bm}` and `{ff}` on Model `{fm}` do not provide the `references` argument in the @relation attribute. You have to provide it on one of the two fields."), &back);
    }
    if has_refs(ctx, &forward) && has_refs(ctx, &back) {
        let msg = format!("The relation fields `{ff}` on Model `{fm}` and `{bf}` on Model `{bm}` both provide the `references` argument in the @relation attribute. You have to provide it only on one of the two fields.");
        rel_error(ctx, &msg, &forward);
        rel_error(ctx, &msg, &back);
    }
    if has_fields(ctx, &forward) && has_fields(ctx, &back) {
        let msg = format!("The relation fields `{ff}` on Model `{fm}` and `{bf}` on Model `{bm}` both provide the `fields` argument in the @relation attribute. You have to provide it only on one of the two fields.");
        rel_error(ctx, &msg, &forward);
        rel_error(ctx, &msg, &back);
    }
    if has_actions(ctx, &forward) && has_actions(ctx, &back) {
        rel_error(ctx, &format!("The relation fields `{bf}` on Model `{bm}` and `{ff}` on Model `{fm}` both provide the `onDelete` or `onUpdate` argument in the @relation attribute. You have to provide it only on one of the two fields."), &back);
        rel_error(ctx, &format!("The relation fields `{ff}` on Model `{fm}` and `{bf}` on Model `{bm}` both provide the `onDelete` or `onUpdate` argument in the @relation attribute. You have to provide it only on one of the two fields."), &forward);
    } else if has_actions(ctx, &back) {
        rel_error(ctx, &format!("The relation field `{bf}` on Model `{bm}` must not specify the `onDelete` or `onUpdate` argument in the @relation attribute. You must only specify it on the opposite field `{ff}` on model `{fm}`."), &back);
    }
    fields_must_be_unique(ctx, rel, &forward);

    if ctx.diags.has_errors() {
        return;
    }
    if has_fields(ctx, &forward) && has_refs(ctx, &back) {
        let msg = format!("The relation field `{ff}` on Model `{fm}` provides the `fields` argument in the @relation attribute. And the related field `{bf}` on Model `{bm}` provides the `references` argument. You must provide both arguments on the same side.");
        rel_error(ctx, &msg, &forward);
        rel_error(ctx, &msg, &back);
    }
    if has_refs(ctx, &forward) && has_fields(ctx, &back) {
        let msg = format!("The relation field `{ff}` on Model `{fm}` provides the `references` argument in the @relation attribute. And the related field `{bf}` on Model `{bm}` provides the `fields` argument. You must provide both arguments on the same side.");
        rel_error(ctx, &msg, &forward);
    }
    if ctx.diags.has_errors() {
        return;
    }
    if ctx.db.models[back.m].ast.fields[back.f].arity == FieldArity::Required {
        rel_error(ctx, &format!("The relation field `{bf}` on Model `{bm}` is required. This is not valid because it's not possible to enforce this constraint on the database level. Please change the field type from `{fm}` to `{fm}?` to fix this."), &back);
    }
    if ctx.diags.has_errors() {
        return;
    }
    let back_rf = ctx.db.models[back.m].relation(back.f);
    let back_has_args = back_rf.is_some_and(|r| r.fields.is_some() || r.references.is_some());
    if ctx.db.models[forward.m].ast.fields[forward.f].arity == FieldArity::Required && back_has_args {
        rel_error(ctx, &format!("The relation field `{bm}.{bf}` defines the `fields` and/or `references` argument. You must set them on the required side of the relation (`{fm}.{ff}`) in order for the constraints to be enforced. Alternatively, you can change this field to be required and the opposite optional, or make both sides of the relation optional."), &back);
    }
}

fn fields_must_be_unique(ctx: &mut Ctx<'_, '_>, rel: &Relation, forward: &Side<'_>) {
    let model = &ctx.db.models[forward.m];
    let Some(fields) = model.relation(forward.f).and_then(|r| r.fields.clone()) else { return };
    let mut sorted = fields.clone();
    sorted.sort_unstable();
    let unique = unique_criteria(ctx.db, rel.model_a).into_iter().any(|mut c| {
        c.sort_unstable();
        c == sorted
    });
    if unique {
        return;
    }
    let names: Vec<&str> = fields.iter().map(|&f| model.field_name(f)).collect();
    let msg = if names.len() == 1 {
        format!("A one-to-one relation must use unique fields on the defining side. Either add an `@unique` attribute to the field `{}`, or change the relation to one-to-many.", names[0])
    } else {
        format!("A one-to-one relation must use unique fields on the defining side. Either add an `@@unique([{}])` attribute to the model, or change the relation to one-to-many.", names.join(", "))
    };
    rel_error(ctx, &msg, forward);
    let _: Option<Diagnostic> = None;
}
