-- 0016_loan_snapshot_lz4_compression.sql: written by hand, as 0014 (a storage setting, not part of the Marten model,
-- so `ops/new-migration` has no difference to generate and `migrations_match_the_model` does not see it).
-- Committed migrations are never edited; add a new one instead.
--
-- The loan snapshot (the Loan aggregate with its schedule and transactions, 5-25 kB of JSON) is rewritten with every
-- repayment, like the loan view that 0014 moved to lz4. Under the repayment load test pglz_compress was the largest
-- single PostgreSQL function in a CPU profile (perf, about 6 % of the server's CPU; docs/benchmarks.md, load test,
-- item 6). Values already stored stay pglz until rewritten; both read back
-- transparently. Needs PostgreSQL 14 or later built with lz4 (Debian's and the PGDG packages are).
ALTER TABLE htxfund.mt_doc_loansnapshot ALTER COLUMN data SET COMPRESSION lz4;
