//! Output stream with indentation, and the column table that aligns the lines of a block.

/// The output text, indenting every line that starts while `indent > 0`.
pub(super) struct Renderer {
    pub(super) out: String,
    indent: usize,
    indent_width: usize,
}

impl Renderer {
    pub(super) fn new(indent_width: usize, capacity: usize) -> Self {
        Renderer { out: String::with_capacity(capacity), indent: 0, indent_width }
    }

    pub(super) fn indent_up(&mut self) {
        self.indent += 1;
    }

    pub(super) fn indent_down(&mut self) {
        self.indent = self.indent.saturating_sub(1);
    }

    /// Writes `text`, indenting first if a new line starts here.
    pub(super) fn write(&mut self, text: &str) {
        if self.out.is_empty() || self.out.ends_with('\n') {
            let width = self.indent * self.indent_width;
            self.out.push_str(&" ".repeat(width));
        }
        self.out.push_str(text);
    }

    pub(super) fn end_line(&mut self) {
        self.out.push('\n');
    }
}

enum Row {
    /// Aligned columns, plus a suffix (a trailing comment) that does not take part in the layout.
    Regular(Vec<String>, String),
    /// A line written as is (an invalid line inside a block).
    Interleaved(String),
}

/// Lines whose columns are padded to the widest cell of each column. Widths are counted in
/// bytes, as Prisma does.
#[derive(Default)]
pub(super) struct Table {
    rows: Vec<Row>,
}

impl Table {
    pub(super) fn start_new_line(&mut self) {
        self.rows.push(Row::Regular(Vec::new(), String::new()));
    }

    pub(super) fn interleave(&mut self, text: &str) {
        self.rows.push(Row::Interleaved(text.to_owned()));
    }

    /// Appends to column `index` of the current line (to the text of an interleaved line).
    pub(super) fn column(&mut self, index: usize) -> &mut String {
        if self.rows.is_empty() {
            self.start_new_line();
        }
        let last = self.rows.len() - 1;
        match &mut self.rows[last] {
            Row::Interleaved(text) => text,
            Row::Regular(columns, _) => {
                columns.resize(index + 1, String::new());
                &mut columns[index]
            }
        }
    }

    /// Appends to the suffix of the current line.
    pub(super) fn append_suffix(&mut self, text: &str) {
        match self.rows.last_mut() {
            Some(Row::Regular(_, suffix)) => suffix.push_str(text),
            // Prisma never appends a suffix to an interleaved row; keep the text anyway.
            Some(Row::Interleaved(line)) => line.push_str(text),
            None => self.rows.push(Row::Regular(Vec::new(), text.to_owned())),
        }
    }

    /// Writes all rows and empties the table.
    pub(super) fn render(&mut self, target: &mut Renderer) {
        let mut widths: Vec<usize> = Vec::new();
        for row in &mut self.rows {
            if let Row::Regular(columns, _) = row {
                while columns.last().is_some_and(String::is_empty) {
                    columns.pop();
                }
                if widths.len() < columns.len() {
                    widths.resize(columns.len(), 0);
                }
                for (i, col) in columns.iter().enumerate() {
                    widths[i] = widths[i].max(col.len());
                }
            }
        }
        for row in std::mem::take(&mut self.rows) {
            match row {
                Row::Regular(columns, suffix) => {
                    let last = columns.len().saturating_sub(1);
                    for (i, col) in columns.iter().enumerate() {
                        target.write(col);
                        if i != last {
                            target.write(&" ".repeat(widths[i] - col.len() + 1));
                        }
                    }
                    if !suffix.is_empty() {
                        if !columns.is_empty() {
                            target.write(" ");
                        }
                        target.write(&suffix);
                    }
                }
                Row::Interleaved(text) => target.write(&text),
            }
            target.end_line();
        }
    }
}
