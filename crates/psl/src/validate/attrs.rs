//! Attribute and argument bookkeeping, Prisma style: every attribute of a set must be visited
//! (else "Attribute not known"), single attributes must not repeat, every argument must be
//! consumed (else "No such argument."), named arguments must not repeat.

use crate::ast::{Attribute, Expression, Span};
use crate::diagnostics::{Diagnostic, Diagnostics};

/// The attributes of one container (a field, a model block, an enum value, …).
pub(crate) struct AttrSet<'a> {
    attrs: &'a [Attribute],
    used: Vec<bool>,
}

impl<'a> AttrSet<'a> {
    /// Field (`@x`) and block (`@@x`) attributes alike: Prisma names both with a single `@` in its
    /// "can only be defined once" and "not known" messages.
    pub(crate) fn new(attrs: &'a [Attribute]) -> Self {
        AttrSet { attrs, used: vec![false; attrs.len()] }
    }

    /// An attribute allowed at most once. Duplicates are all reported and none is used.
    pub(crate) fn single(&mut self, name: &str, diags: &mut Diagnostics) -> Option<Args<'a>> {
        let mut matching = (0..self.attrs.len()).filter(|&i| self.attrs[i].name.name == name);
        let first = matching.next()?;
        if matching.next().is_some() {
            for i in (0..self.attrs.len()).filter(|&i| self.attrs[i].name.name == name) {
                self.used[i] = true;
                diags.push(Diagnostic::error(
                    format!("Attribute \"@{name}\" can only be defined once."),
                    self.attrs[i].span,
                ));
            }
            return None;
        }
        self.used[first] = true;
        Args::start(&self.attrs[first], diags)
    }

    /// Every occurrence of a repeatable attribute (`@@index`, `@@unique`, …) that is usable.
    pub(crate) fn repeated(&mut self, name: &str, diags: &mut Diagnostics) -> Vec<Args<'a>> {
        let mut out = Vec::new();
        for i in 0..self.attrs.len() {
            if self.attrs[i].name.name != name || self.used[i] {
                continue;
            }
            self.used[i] = true;
            if let Some(args) = Args::start(&self.attrs[i], diags) {
                out.push(args);
            }
        }
        out
    }

    /// The datasource-scoped attribute (`@db.VarChar(…)`), if any.
    pub(crate) fn native_type(&mut self, diags: &mut Diagnostics) -> Option<&'a Attribute> {
        let mut found = None;
        for i in 0..self.attrs.len() {
            let attr = &self.attrs[i];
            let Some((scope, _)) = attr.name.name.split_once('.') else { continue };
            self.used[i] = true;
            if found.replace(attr).is_some() {
                diags.push(Diagnostic::error(
                    format!("Attribute \"@{scope}\" can only be defined once."),
                    attr.span,
                ));
            }
        }
        found
    }

    /// Reports every attribute nobody asked for.
    pub(crate) fn finish(self, diags: &mut Diagnostics) {
        for (i, attr) in self.attrs.iter().enumerate() {
            if !self.used[i] {
                diags.push(Diagnostic::error(format!("Attribute not known: \"@{}\".", attr.name.name), attr.span));
            }
        }
    }
}

/// The arguments of the attribute being validated.
pub(crate) struct Args<'a> {
    pub(crate) attr: &'a Attribute,
    /// Argument name (None = unnamed) and index in the argument list, not yet consumed.
    args: Vec<(Option<&'a str>, usize)>,
}

impl<'a> Args<'a> {
    /// Prisma's `set_attribute`: rejects empty named arguments and trailing commas, reports
    /// duplicate arguments. Returns None when the attribute is unusable.
    fn start(attr: &'a Attribute, diags: &mut Diagnostics) -> Option<Self> {
        let display = || format!("@{}", attr.name.name);
        let mut reasonably_valid = true;
        // The attribute's own arguments and those of function arguments (`ops: raw(…)`).
        let lists = std::iter::once(&attr.arguments).chain(attr.arguments.arguments.iter().filter_map(|a| match &a.value {
            Expression::Function(_, fargs, _) => Some(fargs),
            _ => None,
        }));
        for list in lists {
            for empty in &list.empty_arguments {
                diags.push(attribute_error(
                    &display(),
                    &format!("The `{}` argument is missing a value.", empty.name),
                    empty.span,
                ));
                reasonably_valid = false;
            }
            for arg in &list.arguments {
                let Expression::Array(items, _) = &arg.value else { continue };
                for item in items {
                    let Expression::Function(_, fargs, _) = item else { continue };
                    for empty in &fargs.empty_arguments {
                        diags.push(attribute_error(
                            &format!("@@{}", attr.name.name),
                            &format!("The `{}` argument is missing a value.", empty.name),
                            empty.span,
                        ));
                        reasonably_valid = false;
                    }
                }
            }
            if let Some(span) = list.trailing_comma {
                diags.push(attribute_error(
                    &display(),
                    "Trailing commas are not valid in attribute arguments, please remove the comma.",
                    span,
                ));
            }
        }
        if !reasonably_valid {
            return None;
        }

        let mut args: Vec<(Option<&'a str>, usize)> = Vec::with_capacity(attr.arguments.arguments.len());
        let mut unnamed = Vec::new();
        for (idx, arg) in attr.arguments.arguments.iter().enumerate() {
            let key = arg.name.as_ref().map(|n| n.name.as_str());
            // A repeated name keeps the last occurrence, as Prisma does.
            let existing = match args.iter_mut().find(|(k, _)| *k == key) {
                Some(slot) => Some(std::mem::replace(&mut slot.1, idx)),
                None => {
                    args.push((key, idx));
                    None
                }
            };
            if let Some(existing) = existing {
                match &arg.name {
                    None => {
                        if unnamed.is_empty() {
                            unnamed.push(super::expr::render(&attr.arguments.arguments[existing].value));
                        }
                        unnamed.push(super::expr::render(&arg.value));
                    }
                    Some(name) => diags.push(Diagnostic::error(
                        format!("Argument \"{}\" is already specified.", name.name),
                        arg.span,
                    )),
                }
            }
        }
        if !unnamed.is_empty() {
            diags.push(attribute_error(
                &display(),
                &format!(
                    "You provided multiple unnamed arguments. This is not possible. Did you forget the brackets? Did you mean `[{}]`?",
                    unnamed.join(", ")
                ),
                attr.span,
            ));
        }
        Some(Args { attr, args })
    }

    /// The argument `name`, or else the unnamed argument.
    pub(crate) fn default_arg(&mut self, name: &'static str) -> Result<&'a Expression, Diagnostic> {
        let named = self.take(Some(name));
        let unnamed = self.take(None);
        match (named, unnamed) {
            (Some(i), None) | (None, Some(i)) => Ok(&self.attr.arguments.arguments[i].value),
            (Some(i), Some(_)) => Err(Diagnostic::error(
                format!("Argument \"{name}\" is already specified as unnamed argument."),
                self.attr.arguments.arguments[i].span,
            )),
            (None, None) => Err(Diagnostic::error(format!("Argument \"{name}\" is missing."), self.attr.span)),
        }
    }

    pub(crate) fn optional(&mut self, name: &'static str) -> Option<&'a Expression> {
        let i = self.take(Some(name))?;
        Some(&self.attr.arguments.arguments[i].value)
    }

    fn take(&mut self, key: Option<&str>) -> Option<usize> {
        let pos = self.args.iter().position(|(k, _)| *k == key)?;
        Some(self.args.swap_remove(pos).1)
    }

    /// "Error parsing attribute "@x": …" on the whole attribute.
    pub(crate) fn error(&self, message: &str) -> Diagnostic {
        attribute_error(&format!("@{}", self.attr.name.name), message, self.attr.span)
    }

    /// Reports every argument that was not consumed.
    pub(crate) fn finish(self, diags: &mut Diagnostics) {
        let mut idxs: Vec<usize> = self.args.iter().map(|(_, i)| *i).collect();
        idxs.sort_unstable();
        for i in idxs {
            diags.push(Diagnostic::error("No such argument.", self.attr.arguments.arguments[i].span));
        }
    }

    /// Drops the remaining arguments without reporting them.
    pub(crate) fn discard(self) {}
}

pub(crate) fn attribute_error(attribute: &str, message: &str, span: Span) -> Diagnostic {
    Diagnostic::error(format!("Error parsing attribute \"{attribute}\": {message}"), span)
}

/// The span of argument `name` of an attribute, if present.
pub(crate) fn arg_span(attr: &Attribute, name: &str) -> Option<Span> {
    attr.arguments
        .arguments
        .iter()
        .find(|a| a.name.as_ref().is_some_and(|n| n.name == name))
        .map(|a| a.span)
}
