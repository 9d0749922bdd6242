-- This migration was intentionally left empty.
/* It only holds comments; /* nested */ ones too. */
