using HtxFund.Applications;
using HtxFund.Capital;
using HtxFund.Lending.Accounting;
using HtxFund.Loans;
using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using NodaTime;

namespace HtxFund.Accounting.Journal;

/// <summary>
/// The general journal (sổ nhật ký chung): an <b>asynchronous</b> projection over the whole event log that writes the
/// <see cref="JournalLine"/>s of every money movement (docs/accounting.md, "The journal"). The daemon gives it the events in
/// global sequence order, so each decision (the mapping in force, the months closed, the voucher numbers, the balances a
/// true-up starts from) depends only on the events before it, and a rebuild writes the identical journal. Its state
/// (<see cref="JournalFundState"/>, <see cref="JournalLoanState"/>) is read once per batch, kept in memory while the
/// batch's events are applied in order, and stored at its end; every document is written in its event's fund (tenant).
/// </summary>
public sealed class JournalProjection : IProjection
{
    public const string Name = "Journal";

    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var batch = new JournalBatch(operations);
        await batch.PreloadAsync(events, cancellation);
        foreach (var e in events) await batch.ApplyAsync(e, cancellation);
        batch.StoreStates();
    }
}

/// <summary>One batch of the journal projection: the state documents it touched, by fund, and the lines it posts.</summary>
internal sealed class JournalBatch(IDocumentOperations operations)
{
    private readonly Dictionary<string, JournalFundState> funds = [];
    private readonly Dictionary<(string Tenant, Guid Loan), JournalLoanState?> loans = [];

    public async Task ApplyAsync(IEvent e, CancellationToken ct)
    {
        switch (e.Data)
        {
            case AccountingSetupAdopted a:
                await Noted(e, ct, f => { f.SetupVersion = a.Version; f.Mapping = a.Mapping; });
                break;
            case AccountingPeriodClosed c:
                await Noted(e, ct, f => { if (!f.ClosedMonths.Contains(c.Month)) f.ClosedMonths.Add(c.Month); });
                break;
            case AccountingPeriodReopened r:
                await Noted(e, ct, f => f.ClosedMonths.Remove(r.Month));
                break;

            case CharterCapitalContributed c:
                await Post(e, VoucherKind.BankCredit, c.ValueDate, Postings.Of(PostingKind.CharterCapitalContribution, c.Amount.Dong),
                    Reference(c.Source, c.DecisionNumber), null, ct);
                break;
            case CharterCapitalWithdrawn w:
                await Post(e, VoucherKind.BankDebit, w.ValueDate, Postings.Of(PostingKind.CharterCapitalWithdrawal, w.Amount.Dong),
                    Reference(w.Source, w.DecisionNumber), null, ct);
                break;
            case OtherCapitalReceived r:
                await Post(e, VoucherKind.BankCredit, r.ValueDate, Postings.Of(Received(r.Kind), r.Amount.Dong),
                    Reference(r.Source, r.DecisionNumber), null, ct);
                break;
            case OtherCapitalRepaid r:
                await Post(e, VoucherKind.BankDebit, r.ValueDate, Postings.Of(Repaid(r.Kind), r.Amount.Dong),
                    Reference(r.Source, r.DecisionNumber), null, ct);
                break;
            case ProvisionBooked b:
                await Post(e, VoucherKind.Bookkeeping, b.ValueDate, Postings.ProvisionChange(b.Change.Dong), JournalText.Month(b.Month), null, ct);
                break;

            case ApplicationDrafted d:
                loans[(e.TenantId, d.ApplicationId)] = new JournalLoanState
                {
                    Id = d.ApplicationId, BorrowerId = d.MemberId ?? d.CooperativeId, BorrowerName = d.BorrowerName,
                };
                break;
            case LoanContractSigned s:
                (await Loan(e, s.LoanId, ct)).ContractNumber = s.Contract.ContractNumber;
                break;
            case TrancheDisbursed d:
                await PostLoan(e, d.LoanId, VoucherKind.BankDebit, d.ValueDate, Postings.Of(PostingKind.Disbursement, d.Amount), ct);
                break;
            case Loans.Migrating.LoanOpeningBalanceRecorded o:
                await PostLoan(e, o.LoanId, VoucherKind.Bookkeeping, o.CutOver,
                    Postings.OpeningBalance(o.PrincipalOutstanding, o.InterestOwed, o.PenaltyOwed), ct);
                break;
            case LoanRepaymentRecorded r:
            {
                var postings = Postings.Repayment(r.Allocation);
                var loan = await PostLoan(e, r.LoanId, VoucherKind.BankCredit, r.ValueDate, postings, ct);
                loan.Repayments[r.RepaymentId] = new PostedRepayment(r.ValueDate, postings);
                break;
            }
            case LoanRepaymentReversed r:
            {
                var loan = await Loan(e, r.LoanId, ct);
                var reversed = loan.Repayments.GetValueOrDefault(r.RepaymentId) ?? throw new InvalidOperationException(
                    $"The repayment {r.RepaymentId} reversed on loan {r.LoanId} was never posted to the journal.");
                await PostLoan(e, r.LoanId, VoucherKind.BankDebit, reversed.ValueDate, Postings.Reversal(reversed.Postings), ct);
                break;
            }
            case LoanProvisionsUsed u:
            {
                var loan = await PostLoan(e, u.LoanId, VoucherKind.Bookkeeping, u.Date,
                    Postings.ProvisionUse(u.PrincipalOffBalance, u.ProvisionsUsed, u.ChargedToExpense), ct);
                loan.PrincipalOffBalance += u.PrincipalOffBalance;
                break;
            }
            case LoanWrittenOffFromBooks w:
            {
                var loan = await Loan(e, w.LoanId, ct);
                var postings = Postings.WriteOffFromBooks(loan.PrincipalOffBalance);
                await PostLoan(e, w.LoanId, VoucherKind.Bookkeeping, w.Date, postings, ct);
                loan.PrincipalOffBalance -= postings.Sum(p => p.Amount);
                break;
            }
            case LoanRecoveryRecorded r:
            {
                var loan = await Loan(e, r.LoanId, ct);
                var postings = Postings.Recovery(r.Amount, loan.PrincipalOffBalance);
                await PostLoan(e, r.LoanId, VoucherKind.BankCredit, r.ValueDate, postings, ct);
                loan.PrincipalOffBalance -= postings.Where(p => p.Kind == PostingKind.PrincipalOffBalanceOut).Sum(p => p.Amount);
                break;
            }
            case InterestAccrualBooked a:
                await PostAccrual(e, a, ct);
                break;
        }
    }

    /// <summary>Reads the state of every loan the batch posts for, one query per fund (a rebuild's batches hold hundreds).</summary>
    public async Task PreloadAsync(IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        var wanted = events
            .SelectMany(e => e.Data switch
            {
                InterestAccrualBooked a => a.Loans.Select(l => (e.TenantId, l.LoanId)),
                LoanContractSigned or TrancheDisbursed or Loans.Migrating.LoanOpeningBalanceRecorded or LoanRepaymentRecorded or LoanRepaymentReversed or LoanProvisionsUsed
                    or LoanWrittenOffFromBooks or LoanRecoveryRecorded => [(e.TenantId, e.StreamId)],
                _ => [],
            })
            .Distinct()
            .Where(k => !loans.ContainsKey(k));
        foreach (var fund in wanted.GroupBy(k => k.TenantId))
        {
            var ids = fund.Select(k => k.Item2).ToArray();
            foreach (var loan in await operations.ForTenant(fund.Key).LoadManyAsync<JournalLoanState>(ct, ids))
                loans[(fund.Key, loan.Id)] = loan;
        }
    }

    /// <summary>Stores every state document the batch touched, in its fund.</summary>
    public void StoreStates()
    {
        foreach (var (tenant, fund) in funds) operations.ForTenant(tenant).Store(fund);
        foreach (var ((tenant, _), loan) in loans)
            if (loan is not null) operations.ForTenant(tenant).Store(loan);
    }

    private async Task<JournalFundState> Fund(IEvent e, CancellationToken ct)
    {
        if (!funds.TryGetValue(e.TenantId, out var fund))
        {
            fund = await operations.ForTenant(e.TenantId).LoadAsync<JournalFundState>(JournalFundState.SingletonId, ct) ?? new JournalFundState();
            funds[e.TenantId] = fund;
        }
        fund.LastSequence = e.Sequence;
        return fund;
    }

    private async Task Noted(IEvent e, CancellationToken ct, Action<JournalFundState> change) => change(await Fund(e, ct));

    /// <summary>The loan's state; a loan whose application the projection never saw (it cannot happen in one log) is named
    /// by its id only rather than stopping the journal.</summary>
    private async Task<JournalLoanState> Loan(IEvent e, Guid loanId, CancellationToken ct)
    {
        var key = (e.TenantId, loanId);
        if (!loans.TryGetValue(key, out var loan) || loan is null)
        {
            loan = await operations.ForTenant(e.TenantId).LoadAsync<JournalLoanState>(loanId, ct) ?? new JournalLoanState { Id = loanId };
            loans[key] = loan;
        }
        return loan;
    }

    private async Task<JournalLoanState> PostLoan(IEvent e, Guid loanId, VoucherKind voucher, LocalDate businessDate,
        IReadOnlyList<Posting> postings, CancellationToken ct)
    {
        var loan = await Loan(e, loanId, ct);
        var posted = await Post(e, voucher, businessDate, postings, JournalText.Contract(loan.ContractNumber),
            new JournalObject(loan.BorrowerId == Guid.Empty ? null : loan.BorrowerId, loan.BorrowerName, loanId, loan.ContractNumber), ct);
        if (posted is { } month) loan.Moved(month, Postings.ReceivableChange(postings));
        return loan;
    }

    /// <summary>The month-end true-up: one bookkeeping voucher with, for each loan, what brings its interest receivables as
    /// the journal holds them at the posting month's end to the engine's figures.</summary>
    private async Task PostAccrual(IEvent e, InterestAccrualBooked a, CancellationToken ct)
    {
        var fund = await Fund(e, ct);
        var (postingDate, isAdjustment) = PostingDateOf(fund, a.ValueDate);
        var month = AccountingPeriods.MonthOf(postingDate);
        var sections = new List<(JournalObject Object, IReadOnlyList<Posting> Postings)>();
        foreach (var figures in a.Loans)
        {
            var loan = await Loan(e, figures.LoanId, ct);
            if (loan.BorrowerId == Guid.Empty) { loan.BorrowerId = figures.BorrowerId; loan.BorrowerName = figures.BorrowerName; }
            loan.ContractNumber ??= figures.ContractNumber;
            var target = new InterestReceivables(figures.OnBalanceContractual, figures.OnBalancePenalty, figures.OffBalance);
            var postings = Postings.AccrualTrueUp(target, loan.ReceivablesAt(month));
            if (postings.Count == 0) continue;
            loan.Moved(month, Postings.ReceivableChange(postings));
            sections.Add((new JournalObject(figures.BorrowerId, figures.BorrowerName, figures.LoanId, figures.ContractNumber ?? loan.ContractNumber),
                postings));
        }
        if (sections.Count == 0) return;
        var voucher = fund.NextVoucher(VoucherKind.Bookkeeping, postingDate);
        var lineNo = 0;
        foreach (var (obj, postings) in sections)
            foreach (var line in Postings.Lines(postings, fund.Mapping))
                Store(e, fund, voucher, VoucherKind.Bookkeeping, postingDate, a.ValueDate, isAdjustment, ++lineNo, line,
                    $"{JournalText.Contract(obj.ContractNumber)}, {JournalText.Month(a.Month)}", obj);
    }

    /// <summary>Posts <paramref name="postings"/> as one voucher of the event (nothing when there are none); returns the
    /// posting month, or null when nothing was posted.</summary>
    private async Task<string?> Post(IEvent e, VoucherKind voucherKind, LocalDate businessDate, IReadOnlyList<Posting> postings,
        string? about, JournalObject? obj, CancellationToken ct)
    {
        var fund = await Fund(e, ct);
        if (postings.Count == 0) return null;
        var (postingDate, isAdjustment) = PostingDateOf(fund, businessDate);
        var voucher = fund.NextVoucher(voucherKind, postingDate);
        var lineNo = 0;
        foreach (var line in Postings.Lines(postings, fund.Mapping))
            Store(e, fund, voucher, voucherKind, postingDate, businessDate, isAdjustment, ++lineNo, line, about, obj);
        return AccountingPeriods.MonthOf(postingDate);
    }

    private static (LocalDate PostingDate, bool IsAdjustment) PostingDateOf(JournalFundState fund, LocalDate businessDate)
    {
        var closedThrough = fund.ClosedThrough;
        return (AccountingPeriods.PostingDate(businessDate, closedThrough), AccountingPeriods.IsClosed(businessDate, closedThrough));
    }

    private void Store(IEvent e, JournalFundState fund, string voucher, VoucherKind voucherKind, LocalDate postingDate,
        LocalDate businessDate, bool isAdjustment, int lineNo, PostingLine line, string? about, JournalObject? obj) =>
        operations.ForTenant(e.TenantId).Store(new JournalLine
        {
            Id = $"{e.Id:N}-{lineNo:0000}",
            VoucherNumber = voucher,
            VoucherKind = voucherKind,
            PostingDate = postingDate,
            PostingDay = CapitalLedgerEntry.DayOf(postingDate),
            Month = AccountingPeriods.MonthOf(postingDate),
            BusinessDate = businessDate,
            BusinessDay = CapitalLedgerEntry.DayOf(businessDate),
            IsAdjustment = isAdjustment,
            LineNo = lineNo,
            Kind = line.Kind,
            IsReversal = line.IsReversal,
            Account = line.Account,
            CounterAccount = line.CounterAccount,
            Debit = line.Debit,
            Credit = line.Credit,
            Description = JournalText.Describe(line.Kind, line.IsReversal, about, businessDate, isAdjustment),
            ObjectId = obj?.Id,
            ObjectName = obj?.Name,
            LoanId = obj?.LoanId,
            ContractNumber = obj?.ContractNumber,
            EventId = e.Id,
            EventSequence = e.Sequence,
            EventType = e.EventTypeName,
            SetupVersion = fund.SetupVersion,
        });

    private static string Reference(string source, string decisionNumber) =>
        string.IsNullOrWhiteSpace(decisionNumber) ? source : $"{source}, QĐ số {decisionNumber}";

    private static PostingKind Received(OtherCapitalSourceKind kind) => kind switch
    {
        OtherCapitalSourceKind.Grant => PostingKind.GrantReceived,
        OtherCapitalSourceKind.EntrustedCapital => PostingKind.EntrustedCapitalReceived,
        OtherCapitalSourceKind.Borrowing => PostingKind.BorrowingReceived,
        OtherCapitalSourceKind.DevelopmentInvestmentFund => PostingKind.DevelopmentInvestmentFundReceived,
        _ => PostingKind.OtherCapitalReceived,
    };

    private static PostingKind Repaid(OtherCapitalSourceKind kind) => kind switch
    {
        OtherCapitalSourceKind.Grant => PostingKind.GrantRepaid,
        OtherCapitalSourceKind.EntrustedCapital => PostingKind.EntrustedCapitalRepaid,
        OtherCapitalSourceKind.Borrowing => PostingKind.BorrowingRepaid,
        OtherCapitalSourceKind.DevelopmentInvestmentFund => PostingKind.DevelopmentInvestmentFundRepaid,
        _ => PostingKind.OtherCapitalRepaid,
    };
}

/// <summary>The accounting object of a loan's lines: the borrower, and the loan with its contract number.</summary>
internal sealed record JournalObject(Guid? Id, string Name, Guid LoanId, string? ContractNumber);
