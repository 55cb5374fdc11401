"""The extraction room: quantities, figure and claim rules, frames, subjects, fields, tables, facts and events, read from a document's sentences into claims."""
