//! Lexer and parser: schema text → AST.
