-- 0020_capital_ledger_lines_from_loan_events_data.sql: written by hand (data, not schema), after 0019 gave the ledger's
-- lines (mt_doc_capitalledgerentry) the columns of their event (stream_id, stream_version) and of their figures.
-- Committed migrations are never edited; add a new one instead.
--
-- The fund's cash lines of disbursements, repayments and reversals are now projected from the loans' own events
-- (tranche_disbursed, loan_repayment_recorded, loan_repayment_reversed: CapitalLedgerEntryProjection); earlier builds
-- appended a mirror of each to the fund's capital stream in the same transaction (loan_tranche_paid_out,
-- loan_repayment_received, loan_repayment_receipt_reversed). The mirror events stay in the capital stream (events are
-- never rewritten) and nothing reads them any more. This script:
--   1. checks, per fund, that the mirror events and the loan events hold the same lines: the same entry ids, kinds, value
--      dates, amounts, principal and interest, loans (a reversal takes its repayment's amounts). A database where they
--      differ is not migrated (the whole migration rolls back with the differences counted), since its figures would change;
--   2. writes every line again from the events, with the JSON CapitalLedgerEntryProjection writes (CapitalEntries.Of):
--      the capital stream's own events (the mirrors left out) and the loans' events; a loan's line names no contract
--      (its contract number is read with the line);
--   3. drops the ledger's old async snapshot (mt_doc_fundcapitalledger) and the daemon's progress for it: the ledger's
--      figures are summed from the lines when they are needed.
-- Value days are DateOnly.DayNumber (days since 0001-01-01). Funds with no mirror event at all (databases written by
-- benchmarks that appended loan events alone) are not compared: their ledger had no loan line before and has them now.

CREATE TEMP TABLE capital_lines_from_events ON COMMIT DROP AS
WITH events AS (
    SELECT e.tenant_id, e.stream_id, e.version, e.type, e.data
    FROM htxfund.mt_events e
    WHERE e.type IN ('charter_capital_contributed', 'charter_capital_withdrawn', 'retained_result_recorded', 'other_capital_received',
                     'other_capital_repaid', 'provision_booked', 'tranche_disbursed', 'loan_repayment_recorded')
      AND (e.stream_id = '3c0f1a9e-6b52-4d7a-9e21-70a11c1e0002' OR e.type IN ('tranche_disbursed', 'loan_repayment_recorded'))
),
reversals AS (
    SELECT v.tenant_id, v.stream_id, v.version, v.data AS reversal, r.data AS repayment
    FROM htxfund.mt_events v
    JOIN htxfund.mt_events r ON r.tenant_id = v.tenant_id AND r.stream_id = v.stream_id AND r.type = 'loan_repayment_recorded'
                            AND r.data ->> 'repaymentId' = v.data ->> 'repaymentId'
    WHERE v.type = 'loan_repayment_reversed'
),
lines AS (
    SELECT e.tenant_id, e.stream_id, e.version,
        CASE WHEN e.type IN ('tranche_disbursed', 'loan_repayment_recorded') THEN e.data ->> 'capitalEntryId' ELSE e.data ->> 'entryId' END AS entry_id,
        CASE e.type
            WHEN 'charter_capital_contributed' THEN 'CharterCapitalContribution'
            WHEN 'charter_capital_withdrawn' THEN 'CharterCapitalWithdrawal'
            WHEN 'retained_result_recorded' THEN 'RetainedResult'
            WHEN 'other_capital_received' THEN 'OtherCapitalReceipt'
            WHEN 'other_capital_repaid' THEN 'OtherCapitalRepayment'
            WHEN 'provision_booked' THEN 'ProvisionChange'
            WHEN 'tranche_disbursed' THEN 'LoanDisbursement'
            WHEN 'loan_repayment_recorded' THEN 'LoanRepayment'
        END AS kind,
        CASE WHEN e.type = 'retained_result_recorded' THEN e.data ->> 'asOf' ELSE e.data ->> 'valueDate' END AS value_date,
        CASE e.type
            WHEN 'retained_result_recorded' THEN (e.data ->> 'surplusOrLoss')::bigint
            WHEN 'provision_booked' THEN (e.data ->> 'change')::bigint
            WHEN 'charter_capital_withdrawn' THEN -(e.data ->> 'amount')::bigint
            WHEN 'other_capital_repaid' THEN -(e.data ->> 'amount')::bigint
            WHEN 'tranche_disbursed' THEN -(e.data ->> 'amount')::bigint
            ELSE (e.data ->> 'amount')::bigint
        END AS amount,
        CASE
            WHEN e.type IN ('charter_capital_contributed', 'charter_capital_withdrawn') THEN e.data ->> 'source'
            WHEN e.type IN ('other_capital_received', 'other_capital_repaid') THEN (e.data ->> 'kind') || ': ' || (e.data ->> 'source')
        END AS source,
        CASE
            WHEN e.type IN ('charter_capital_contributed', 'charter_capital_withdrawn', 'other_capital_received', 'other_capital_repaid')
                THEN e.data ->> 'decisionNumber'
            WHEN e.type = 'retained_result_recorded' THEN e.data ->> 'reference'
            WHEN e.type = 'provision_booked' THEN e.data ->> 'month'
            WHEN e.type = 'tranche_disbursed' THEN ''
            WHEN e.type = 'loan_repayment_recorded' THEN e.data ->> 'bankReference'
        END AS reference,
        CASE WHEN e.type IN ('charter_capital_contributed', 'charter_capital_withdrawn', 'other_capital_received', 'other_capital_repaid')
            THEN e.data ->> 'decisionDate' END AS decision_date,
        CASE WHEN e.type IN ('charter_capital_withdrawn', 'other_capital_repaid') THEN e.data ->> 'reason' END AS reason,
        e.data -> 'by' AS by_actor,
        e.data -> 'at' AS at_instant,
        CASE WHEN e.type IN ('tranche_disbursed', 'loan_repayment_recorded') THEN e.data ->> 'loanId' END AS loan_id,
        CASE WHEN e.type = 'loan_repayment_recorded' THEN
            (e.data -> 'allocation' ->> 'overduePrincipal')::bigint + (e.data -> 'allocation' ->> 'principalDue')::bigint
            + (e.data -> 'allocation' ->> 'prepayment')::bigint ELSE 0 END AS principal_repaid,
        CASE WHEN e.type = 'loan_repayment_recorded' THEN
            (e.data -> 'allocation' ->> 'overdueInterest')::bigint + (e.data -> 'allocation' ->> 'interestDue')::bigint
            + (e.data -> 'allocation' ->> 'accruedInterest')::bigint + (e.data -> 'allocation' ->> 'interestOnLateInterest')::bigint
            + (e.data -> 'allocation' ->> 'interestOnOverduePrincipal')::bigint ELSE 0 END AS interest_received,
        CASE WHEN e.type IN ('other_capital_received', 'other_capital_repaid') THEN e.data ->> 'kind' END AS other_kind
    FROM events e
    UNION ALL
    SELECT r.tenant_id, r.stream_id, r.version,
        r.reversal ->> 'capitalEntryId', 'LoanRepaymentReversal', r.repayment ->> 'valueDate', -(r.repayment ->> 'amount')::bigint,
        NULL, r.reversal ->> 'reason', NULL, r.reversal ->> 'reason', r.reversal -> 'by', r.reversal -> 'at', r.reversal ->> 'loanId',
        -((r.repayment -> 'allocation' ->> 'overduePrincipal')::bigint + (r.repayment -> 'allocation' ->> 'principalDue')::bigint
          + (r.repayment -> 'allocation' ->> 'prepayment')::bigint),
        -((r.repayment -> 'allocation' ->> 'overdueInterest')::bigint + (r.repayment -> 'allocation' ->> 'interestDue')::bigint
          + (r.repayment -> 'allocation' ->> 'accruedInterest')::bigint + (r.repayment -> 'allocation' ->> 'interestOnLateInterest')::bigint
          + (r.repayment -> 'allocation' ->> 'interestOnOverduePrincipal')::bigint),
        NULL
    FROM reversals r
)
SELECT * FROM lines;

-- 1. The mirror events against the lines of the loan events.
DO $check$
DECLARE
    differences bigint;
BEGIN
    WITH mirrors AS (
        SELECT e.tenant_id, e.data ->> 'entryId' AS entry_id,
            CASE e.type WHEN 'loan_tranche_paid_out' THEN 'LoanDisbursement' WHEN 'loan_repayment_received' THEN 'LoanRepayment'
                ELSE 'LoanRepaymentReversal' END AS kind,
            e.data ->> 'valueDate' AS value_date,
            CASE e.type WHEN 'loan_repayment_received' THEN 1 ELSE -1 END * (e.data ->> 'amount')::bigint AS amount,
            CASE e.type WHEN 'loan_tranche_paid_out' THEN 0 WHEN 'loan_repayment_received' THEN (e.data ->> 'principal')::bigint
                ELSE -(e.data ->> 'principal')::bigint END AS principal_repaid,
            CASE e.type WHEN 'loan_tranche_paid_out' THEN 0 WHEN 'loan_repayment_received' THEN (e.data ->> 'interest')::bigint
                ELSE -(e.data ->> 'interest')::bigint END AS interest_received,
            e.data ->> 'loanId' AS loan_id
        FROM htxfund.mt_events e
        WHERE e.stream_id = '3c0f1a9e-6b52-4d7a-9e21-70a11c1e0002'
          AND e.type IN ('loan_tranche_paid_out', 'loan_repayment_received', 'loan_repayment_receipt_reversed')
    ),
    loan_lines AS (
        SELECT tenant_id, entry_id, kind, value_date, amount, principal_repaid, interest_received, loan_id
        FROM capital_lines_from_events
        WHERE kind IN ('LoanDisbursement', 'LoanRepayment', 'LoanRepaymentReversal')
          AND tenant_id IN (SELECT DISTINCT tenant_id FROM mirrors)
    )
    SELECT count(*) INTO differences FROM (
        (SELECT * FROM mirrors EXCEPT ALL SELECT * FROM loan_lines)
        UNION ALL
        (SELECT * FROM loan_lines EXCEPT ALL SELECT * FROM mirrors)
    ) d;
    IF differences > 0 THEN
        RAISE EXCEPTION 'capital ledger: % line(s) differ between the capital stream''s mirror events and the loans'' events; nothing was migrated', differences
            USING HINT = 'Compare the loan_tranche_paid_out / loan_repayment_received / loan_repayment_receipt_reversed events of the capital stream with the tranche_disbursed / loan_repayment_recorded / loan_repayment_reversed events of the same capitalEntryId.';
    END IF;
END
$check$;

-- 2. Every line again, from the events.
DELETE FROM htxfund.mt_doc_capitalledgerentry;

INSERT INTO htxfund.mt_doc_capitalledgerentry (tenant_id, id, data, mt_dotnet_type, value_day, stream_id, stream_version, kind, other_kind,
    amount, principal_repaid, interest_received, provision_month)
SELECT l.tenant_id, l.entry_id::uuid,
    jsonb_build_object(
        'id', l.entry_id,
        'valueDay', l.value_date::date - DATE '0001-01-01',
        'streamId', l.stream_id,
        'streamVersion', l.version,
        'entry', jsonb_build_object(
            'entryId', l.entry_id, 'kind', l.kind, 'valueDate', l.value_date, 'amount', l.amount, 'source', l.source,
            'reference', l.reference, 'decisionDate', l.decision_date, 'reason', l.reason, 'by', l.by_actor, 'at', l.at_instant,
            'loanId', l.loan_id, 'principalRepaid', l.principal_repaid, 'interestReceived', l.interest_received, 'otherKind', l.other_kind),
        'kind', l.kind, 'otherKind', l.other_kind, 'amount', l.amount, 'principalRepaid', l.principal_repaid,
        'interestReceived', l.interest_received, 'provisionMonth', CASE WHEN l.kind = 'ProvisionChange' THEN l.reference END),
    'HtxFund.Capital.CapitalLedgerEntry',
    l.value_date::date - DATE '0001-01-01', l.stream_id, l.version, l.kind, l.other_kind, l.amount, l.principal_repaid, l.interest_received,
    CASE WHEN l.kind = 'ProvisionChange' THEN l.reference END
FROM capital_lines_from_events l;

-- 3. The old snapshot of the ledger.
DROP TABLE IF EXISTS htxfund.mt_doc_fundcapitalledger;
DELETE FROM htxfund.mt_event_progression WHERE name LIKE 'FundCapitalLedger:%';
