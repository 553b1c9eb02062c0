"""Everything that decides: screening, the queue, decisions and the audit log."""
