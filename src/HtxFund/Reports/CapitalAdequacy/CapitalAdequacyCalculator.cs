using HtxFund.Borrowers;
using HtxFund.Capital;
using HtxFund.Capital.GettingPosition;
using HtxFund.Cooperatives;
using HtxFund.Cooperatives.GettingDetails;
using HtxFund.Funds;
using HtxFund.Lending;
using HtxFund.Loans;
using HtxFund.Loans.Servicing;
using HtxFund.Classification;
using Marten;
using NodaTime;

namespace HtxFund.Reports.CapitalAdequacy;

/// <summary>
/// Computes the capital-adequacy report of the session's fund from an <see cref="EventCut"/>. Every business rule is the
/// existing one: loans valued by <see cref="LoanPosition.Of"/> (Lending engine), classified and provisioned by
/// <see cref="LoanClassification.Decide(Guid, Guid, string?, LocalDate, LoanPosition?, long, LendingPolicy)"/>, capital
/// figures by <see cref="CapitalPosition.Of"/> and <see cref="FundCapitalLedger"/>, commitments by
/// <see cref="LoanCommitments"/>, limits by <see cref="LendingLimits"/>, related groups by <see cref="RelatedParties.GroupOf"/>,
/// term classes by the policy's <see cref="TermClasses"/>. Loans are streamed one at a time; only per-borrower sums are kept.
/// </summary>
public static partial class CapitalAdequacyCalculator
{
    public const int LargestCount = 10;

    private sealed class Slice(string key, string name)
    {
        public string Key { get; } = key;
        public string Name { get; } = name;
        public int Loans;
        public long Principal;
        public long Provision;
        public PortfolioSlice View() => new(Key, Name, Loans, Principal, Provision);
    }

    private sealed class Borrower(BorrowerRef reference, string name, Guid firstLoan)
    {
        public BorrowerRef Ref { get; } = reference;
        public string Name { get; } = name;
        /// <summary>The borrower's first loan in the database's id order (the order borrowers are ranked in for naming groups).</summary>
        public Guid FirstLoan { get; } = firstLoan;
        public long Outstanding;
        public long Committed;
        public long Exposure => Outstanding + Committed;
    }

    /// <param name="eachLoan">Called with every loan of the cut (folded at the cut) and its cooperative's registration data, so
    /// another report of the same cut (the lending activity report) reads the loan book in the same single pass.</param>
    /// <param name="eachLoanAtCut">Called with every loan of the cut after it was valued and classified, with what the report
    /// counted of it (the dashboard's per-loan figures: <see cref="LoanAtCut"/>), so the dashboard's figures are the report's.</param>
    /// <param name="interestIncome">When given (a period ending at <paramref name="asOf"/>), each loan is also valued the day
    /// before the period, in the same batch, and its recognised interest income of the period added to it.</param>
    public static async Task<CapitalAdequacyReport> ComputeAsync(EventCut cut, LocalDate asOf, CancellationToken ct,
        Action<Loan, CooperativeDetails?>? eachLoan = null, InterestIncomeTally? interestIncome = null, Action<LoanAtCut>? eachLoanAtCut = null)
    {
        if (interestIncome is not null && interestIncome.To != asOf)
            throw new ArgumentException($"The interest income of a period ending {interestIncome.To:yyyy-MM-dd} cannot be tallied at {asOf:yyyy-MM-dd}.", nameof(interestIncome));
        var session = cut.Session;
        var fund = await session.LoadAsync<Fund>(session.TenantId, ct);
        var fundPolicy = await cut.PolicyAsync(ct);
        var policy = fundPolicy.ToLendingPolicy();
        var ledger = await cut.LedgerAsync(ct);
        var register = await cut.RelatedPartiesAsync(ct);
        var trendDates = TrendDates(asOf);
        // valued together: the as-of date last, the day before the interest period (if any) just before it
        var dates = (interestIncome is null ? trendDates.Append(asOf) : trendDates.Append(interestIncome.Eve).Append(asOf)).ToArray();
        var monthStart = new LocalDate(asOf.Year, asOf.Month, 1);
        var yearStart = new LocalDate(asOf.Year, 1, 1);

        var groups = Enumerable.Range(1, 5).Select(g => new Slice(g.ToString(System.Globalization.CultureInfo.InvariantCulture), $"Nhóm {g}")).ToArray();
        var terms = Enum.GetValues<TermClass>().Select(t => new Slice(t.ToString(), TermName(t))).ToArray();
        var priorities = PriorityCategories.Select(p => new Slice(p.Key, p.Name)).ToArray();
        var types = new Dictionary<string, Slice>();
        var districts = new Dictionary<string, Slice>();
        var sectors = new Dictionary<string, Slice>();
        // The loans come borrower by borrower, each cooperative's together (EventCut.LoanBatchesAsync), so a cooperative's
        // borrowers are final when its loans end: only the current cooperative's borrowers, the largest exposures so far and the
        // borrowers of cooperatives named in the related-party register (whose groups may span cooperatives) are kept.
        var block = new Dictionary<string, Borrower>();
        Guid? blockCooperative = null;
        var linkedCooperatives = register.Links.Where(l => l.IsActive).SelectMany(l => new[] { l.A.CooperativeId, l.B.CooperativeId }).ToHashSet();
        var linked = new Dictionary<string, Borrower>();
        var linkedDetails = new Dictionary<Guid, CooperativeDetails?>();
        var largestBorrowerList = new List<Borrower>(LargestCount + 1);
        var largestGroupList = new List<GroupSums>(LargestCount + 1);
        var cooperatives = new Dictionary<Guid, CooperativeDetails?>();
        var trendOutstanding = new long[trendDates.Count];
        var trendNpl = new long[trendDates.Count];
        long interest = 0, penalty = 0, held = 0, committed = 0, provisions = 0, deductibleCollateral = 0;
        var offBalanceLoans = 0;
        long interestOnBalance = 0, interestOffBalance = 0;
        var loansOffBalance = 0;
        int loansInMonth = 0, loansInYear = 0;
        long amountInMonth = 0, amountInYear = 0;
        int coopsInMonth = 0, coopsInYear = 0;
        Guid? lastCoopInMonth = null, lastCoopInYear = null;
        var portfolioLoans = 0;
        long totalOutstanding = 0;

        await foreach (var batch in cut.LoanBatchesAsync(ct))
        {
            // the batch's cooperatives not met yet, in one query (their registration data, which no event changes)
            // only the current cooperative's registration data is carried from one batch to the next
            foreach (var id in cooperatives.Keys.Where(id => id != blockCooperative).ToArray()) cooperatives.Remove(id);
            var missing = batch.Select(x => x.CooperativeId).Distinct().Where(id => !cooperatives.ContainsKey(id)).ToArray();
            if (missing.Length > 0)
            {
                var found = (await session.LoadManyAsync<CooperativeDetails>(ct, missing)).ToDictionary(c => c.Id);
                foreach (var id in missing) cooperatives[id] = found.GetValueOrDefault(id);
            }
            // the batch's deductible collateral at the as-of date, as the register knew it at the cut (one query per batch)
            var collateral = await Collateral.Reading.DeductibleCollateral.ForLoansAsync(session, batch.Select(l => l.Id).ToArray(), asOf,
                fundPolicy.Settings.Collateral, cut.HighestSequence, ct);
            // the Lending engine's valuations of the batch at the trend's month-ends and the as-of date, on every core
            var valued = new LoanValuation?[batch.Count][];
            var incomes = new InterestIncome?[batch.Count];
            Parallel.For(0, batch.Count, new ParallelOptions { CancellationToken = ct }, i =>
            {
                valued[i] = LoanTransactions.Valuations(batch[i], dates, policy);
                if (interestIncome is not null) incomes[i] = interestIncome.Of(batch[i], valued[i][^2], valued[i][^1], policy);
            });
            for (var k = 0; k < batch.Count; k++)
            {
                var loan = batch[k];
                var cooperative = cooperatives[loan.CooperativeId];
                if (loan.CooperativeId != blockCooperative)
                {
                    CloseBlock();
                    blockCooperative = loan.CooperativeId;
                }
                var borrowerRef = new BorrowerRef(loan.CooperativeId, loan.MemberId);
                if (!block.TryGetValue(borrowerRef.Key(), out var borrower))
                    block[borrowerRef.Key()] = borrower = new Borrower(borrowerRef, loan.BorrowerName, loan.Id);
                eachLoan?.Invoke(loan, cooperative);
                interestIncome?.Add(incomes[k]);

                var loanCommitted = loan.CommittedAsOf(asOf);
                committed += loanCommitted;
                borrower.Committed += loanCommitted;

                var paidOut = loan.Tranches.Where(t => t.State == TrancheState.Disbursed).ToArray();
                var inMonth = paidOut.Where(t => t.ValueDate >= monthStart && t.ValueDate <= asOf).Sum(t => t.Amount);
                var inYear = paidOut.Where(t => t.ValueDate >= yearStart && t.ValueDate <= asOf).Sum(t => t.Amount);
                // distinct cooperatives counted as they change (each cooperative's loans come together)
                if (inMonth > 0)
                {
                    loansInMonth++; amountInMonth += inMonth;
                    if (lastCoopInMonth != loan.CooperativeId) { coopsInMonth++; lastCoopInMonth = loan.CooperativeId; }
                }
                if (inYear > 0)
                {
                    loansInYear++; amountInYear += inYear;
                    if (lastCoopInYear != loan.CooperativeId) { coopsInYear++; lastCoopInYear = loan.CooperativeId; }
                }

                LoanValuation? valuedAtCut = null;
                var onBalance = false;
                int? debtGroup = null;
                long provisionRequired = 0;
                // the hook runs after the rest of the body (which leaves the loan early with `continue`), so it sees what the report counted
                try
                {
                    if (loan.Contract is null) continue;
                    // what LoanPosition.Of gives for these figures: the valuation's amounts and the debt group of DebtClassifier
                    for (var i = 0; i < trendDates.Count; i++)
                    {
                        if (valued[k][i] is not { } p || !loan.OnBalanceAt(trendDates[i])) continue;
                        trendOutstanding[i] += p.PrincipalOutstanding.Dong;
                        if ((int)DebtClassifier.Classify(p, policy).Group >= 3) trendNpl[i] += p.PrincipalOutstanding.Dong;
                    }

                    if (valued[k][^1] is not { } position) continue;
                    valuedAtCut = position;
                    // a loan whose provisions were used: its interest is tracked off the balance sheet from then on
                    var receivable = InterestRecognition.At(position, policy, loan.OffBalanceSince);
                    interestOnBalance += receivable.OnBalance.Dong;
                    interestOffBalance += receivable.OffBalance.Dong;
                    if (receivable.OffBalance.IsPositive) loansOffBalance++;
                    interest += position.PaidInterest.Dong;
                    penalty += position.PaidPenaltyInterest.Dong;
                    held += position.RefundableExcess.Dong;
                    // a loan whose provisions were used is off the balance sheet: tracked off-balance, out of the portfolio
                    if (!loan.OnBalanceAt(asOf)) { offBalanceLoans++; continue; }
                    onBalance = true;
                    if (position.PrincipalOutstanding.Dong <= 0) continue;

                    portfolioLoans++;
                    var principal = position.PrincipalOutstanding.Dong;
                    totalOutstanding += principal;
                    borrower.Outstanding += principal;
                    var pledged = collateral.GetValueOrDefault(loan.Id) ?? Collateral.Reading.LoanDeductibleCollateral.None;
                    var classified = LoanClassification.Decide(Guid.Empty, loan.Id, loan.Contract.ContractNumber, asOf, position.DaysPastDue,
                        position.RestructuringCount, principal, pledged.Deductible, policy, pledged.Items,
                        interestWaivedForInabilityToPay: position.InterestWaiversForInabilityToPay > 0);
                    provisions += classified.ProvisionRequired;
                    debtGroup = classified.Group;
                    provisionRequired = classified.ProvisionRequired;
                    deductibleCollateral += classified.DeductibleCollateral;
                    Add(groups[classified.Group - 1], principal, classified.ProvisionRequired);
                    Add(terms[(int)policy.TermClasses.Classify(loan.Contract.Terms.TermMonths)], principal);

                    var flags = Union(loan.Request.Priority, cooperative?.Priority ?? PriorityFlags.None);
                    var any = false;
                    for (var i = 0; i < PriorityCategories.Length - 1; i++)
                        if (PriorityCategories[i].Has(flags)) { Add(priorities[i], principal); any = true; }
                    if (!any) Add(priorities[^1], principal);

                    var (typeKey, typeName) = BorrowerType(loan.MemberId is not null, cooperative?.Type);
                    Add(SliceOf(types, typeKey, typeName), principal);
                    var district = cooperative?.District is { Length: > 0 } d ? d : "Không rõ";
                    Add(SliceOf(districts, district, district), principal);
                    var sector = loan.Request.Sector is { Length: > 0 } s ? s : "Không rõ";
                    Add(SliceOf(sectors, sector, sector), principal);
                }
                finally
                {
                    eachLoanAtCut?.Invoke(LoanAtCut.Of(loan, cooperative, valuedAtCut, onBalance, debtGroup, provisionRequired, inMonth, inYear,
                        monthStart, yearStart, asOf));
                }
            }
        }

        CloseBlock();
        // the cooperatives named in the register: their borrowers ranked together, now that every exposure is known
        Rank(linked.Values, linked, id => linkedDetails.GetValueOrDefault(id));

        var capital = CapitalPosition.Of(ledger, asOf, Money.Of(committed));
        var otherByKind = Enum.GetValues<OtherCapitalSourceKind>()
            .Select(k => new OtherCapitalLine(k.ToString(), OtherCapitalName(k), ledger.OtherCapitalAsOf(asOf, k).Dong))
            .ToArray();
        var equity = capital.ActualCharterCapital.Dong + otherByKind
            .Where(o => o.Kind is nameof(OtherCapitalSourceKind.Grant) or nameof(OtherCapitalSourceKind.DevelopmentInvestmentFund)).Sum(o => o.Amount);
        var capitalSide = new CapitalSide(capital.CharterCapital.Dong, capital.RetainedResult.Dong, capital.RetainedResultAsOf,
            capital.ActualCharterCapital.Dong, otherByKind, capital.OtherCapitalSources.Dong,
            capital.CharterCapital.Dong + capital.OtherCapitalSources.Dong, equity);

        var outstanding = totalOutstanding;
        var sumOfGroups = groups.Sum(g => g.Principal);
        var npl = groups.Skip(2).Sum(g => g.Principal);
        var actual = capital.ActualCharterCapital;
        var singleLimit = LendingLimits.CheckSingleBorrower(actual, Money.Zero, Money.Zero, policy).Limit.Dong;
        var groupLimit = LendingLimits.CheckRelatedGroup(actual, Money.Zero, Money.Zero, policy).Limit.Dong;

        var largestBorrowers = largestBorrowerList.Select(b =>
        {
            var check = LendingLimits.CheckSingleBorrower(actual, Money.Of(b.Exposure), Money.Zero, policy);
            return new ExposureLine(b.Ref.Key(), b.Name, 1, b.Outstanding, b.Committed, b.Exposure, check.Limit.Dong, check.Headroom.Dong, check.Passed);
        }).ToArray();
        var largestGroups = largestGroupList.Select(g =>
        {
            var check = LendingLimits.CheckRelatedGroup(actual, Money.Of(g.Exposure), Money.Zero, policy);
            return new ExposureLine(g.Key, g.Name, g.Members, g.Outstanding, g.Committed, g.Exposure, check.Limit.Dong, check.Headroom.Dong, check.Passed);
        }).ToArray();

        var toEquity = Ratio(outstanding, equity);
        var interestAndPenalty = interest + penalty;
        var assets = capital.CashAvailable.Dong + outstanding;
        // recoveries came in as cash; the principal taken off the balance sheet left the assets (covered by provisions or expense)
        var recovered = capital.Recovered.Dong;
        var offBalance = capital.PrincipalOffBalance.Dong;
        var sourcesAndResults = capitalSide.CapitalSources + interestAndPenalty + held + recovered - offBalance;
        var reconciliation = new Reconciliation(sumOfGroups, outstanding, sumOfGroups == outstanding && terms.Sum(t => t.Principal) == outstanding, capital.CashAvailable.Dong, assets,
            capitalSide.CapitalSources, interest, penalty, held, sourcesAndResults, assets - sourcesAndResults, assets == sourcesAndResults,
            recovered, offBalance);

        var report = new CapitalAdequacyReport
        {
            FundId = session.TenantId,
            FundName = fund?.Name ?? session.TenantId,
            AsOf = asOf,
            PolicyVersion = fundPolicy.Version,
            HighestSequence = cut.HighestSequence,
            Capital = capitalSide,
            Cash = capital.CashAvailable.Dong,
            Committed = committed,
            AvailableToLend = capital.AvailableToLend.Dong,
            Loans = portfolioLoans,
            Outstanding = outstanding,
            ByDebtGroup = groups.Select(g => g.View()).ToArray(),
            ByTermClass = terms.Select(t => t.View()).ToArray(),
            NonPerforming = npl,
            NplRatioPercent = Ratio(npl, outstanding),
            Trend = trendDates.Select((d, i) => new TrendPoint(d, trendOutstanding[i], trendNpl[i], Ratio(trendNpl[i], trendOutstanding[i]))).ToArray(),
            ProvisionsRequired = provisions,
            DeductibleCollateral = deductibleCollateral,
            ProvisionsBooked = ledger.ProvisionsBookedAsOf(asOf).Dong,
            ProvisionShortfall = provisions - capital.ProvisionsHeld.Dong,
            ProvisionsUsed = capital.ProvisionsUsed.Dong,
            ProvisionsHeld = capital.ProvisionsHeld.Dong,
            OffBalancePrincipal = capital.PrincipalOffBalance.Dong,
            OffBalanceLoans = offBalanceLoans,
            Recovered = recovered,
            SingleBorrowerLimitPercent = policy.SingleBorrowerLimitPercent,
            RelatedGroupLimitPercent = policy.RelatedGroupLimitPercent,
            SingleBorrowerLimit = singleLimit,
            RelatedGroupLimit = groupLimit,
            LargestBorrowers = largestBorrowers,
            LargestGroups = largestGroups,
            OutstandingToEquityPercent = toEquity,
            DissolutionThresholdPercent = fundPolicy.Settings.DissolutionThresholdPercent,
            BelowDissolutionThreshold = toEquity is { } r && r < fundPolicy.Settings.DissolutionThresholdPercent,
            ByPriority = priorities.Select(p => p.View()).ToArray(),
            ByBorrowerType = types.Values.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => t.View()).ToArray(),
            ByDistrict = districts.Values.OrderByDescending(t => t.Principal).ThenBy(t => t.Key, StringComparer.Ordinal).Select(t => t.View()).ToArray(),
            BySector = sectors.Values.OrderByDescending(t => t.Principal).ThenBy(t => t.Key, StringComparer.Ordinal).Select(t => t.View()).ToArray(),
            LendingInMonth = new LendingInPeriod(monthStart, asOf, loansInMonth, amountInMonth, coopsInMonth),
            LendingInYear = new LendingInPeriod(yearStart, asOf, loansInYear, amountInYear, coopsInYear),
            Reconciliation = reconciliation,
            Interest = new InterestReceivable(interestOnBalance, interestOffBalance, loansOffBalance),
            Figures = [],
        };
        return report with { Figures = CapitalAdequacyFigures.Of(report) };

        // A cooperative's loans ended: its borrowers are final. Unless the register names it, rank them (and their groups, which
        // stay within the cooperative: a member with its cooperative, a cooperative with its members) and forget them.
        void CloseBlock()
        {
            if (blockCooperative is not { } id) return;
            if (linkedCooperatives.Contains(id))
            {
                foreach (var (key, b) in block) linked[key] = b;
                linkedDetails[id] = cooperatives.GetValueOrDefault(id);
            }
            else Rank(block.Values, block, c => c == id ? cooperatives.GetValueOrDefault(id) : null);
            block = new Dictionary<string, Borrower>();
        }

        // Each exposed borrower, in the order of its first loan (so a group shared by several borrowers is named after the same one
        // as when every borrower was ranked at the end), enters the largest exposures, and its related group the largest groups.
        void Rank(IEnumerable<Borrower> candidates, IReadOnlyDictionary<string, Borrower> known, Func<Guid, CooperativeDetails?> detailsOf)
        {
            var seen = new HashSet<string>();
            foreach (var b in candidates.Where(b => b.Exposure > 0).OrderBy(b => b.FirstLoan, Comparer<Guid>.Create(ClassificationRuns.CompareAsDatabase)))
            {
                KeepLargest(largestBorrowerList, b, (x, y) => y.Exposure.CompareTo(x.Exposure) is var c && c != 0 ? c
                    : StringComparer.Ordinal.Compare(x.Ref.Key(), y.Ref.Key()));
                var members = RelatedParties.GroupOf(register, detailsOf(b.Ref.CooperativeId), b.Ref)
                    .Select(m => known.GetValueOrDefault(m.Key())).OfType<Borrower>().Where(m => m.Exposure > 0)
                    .OrderBy(m => m.Ref.Key(), StringComparer.Ordinal).ToArray();
                if (!seen.Add(string.Join("+", members.Select(m => m.Ref.Key())))) continue;
                var name = members.Length == 1 ? b.Name : $"{b.Name} và {members.Length - 1} người có liên quan";
                KeepLargest(largestGroupList, new GroupSums(b.Ref.Key(), name, members.Length, members.Sum(m => m.Outstanding),
                    members.Sum(m => m.Committed), members.Sum(m => m.Exposure)), (x, y) => y.Exposure.CompareTo(x.Exposure) is var c && c != 0 ? c
                    : StringComparer.Ordinal.Compare(x.Key, y.Key));
            }
        }
    }

    private sealed record GroupSums(string Key, string Name, int Members, long Outstanding, long Committed, long Exposure);

    /// <summary>Adds <paramref name="item"/> to <paramref name="list"/>, kept sorted by <paramref name="order"/> and at most <see cref="LargestCount"/> long.</summary>
    private static void KeepLargest<T>(List<T> list, T item, Comparison<T> order)
    {
        list.Add(item);
        list.Sort(order);
        if (list.Count > LargestCount) list.RemoveAt(list.Count - 1);
    }

    /// <summary>The last 12 month-ends on or before <paramref name="asOf"/>, oldest first.</summary>
    public static IReadOnlyList<LocalDate> TrendDates(LocalDate asOf)
    {
        var month = new YearMonth(asOf.Year, asOf.Month);
        if (ClassificationRuns.LastDay(month) > asOf) month = month.PlusMonths(-1);
        return Enumerable.Range(0, 12).Select(i => ClassificationRuns.LastDay(month.PlusMonths(i - 11))).ToArray();
    }

    /// <summary>Numerator / denominator in percent, two decimals; null when the denominator is not positive.</summary>
    public static decimal? Ratio(long numerator, long denominator) =>
        denominator > 0 ? Math.Round(numerator * 100m / denominator, 2, MidpointRounding.AwayFromZero) : null;

    private static void Add(Slice slice, long principal, long provision = 0)
    {
        slice.Loans++;
        slice.Principal += principal;
        slice.Provision += provision;
    }

    private static Slice SliceOf(Dictionary<string, Slice> slices, string key, string name)
    {
        if (!slices.TryGetValue(key, out var slice)) slices[key] = slice = new Slice(key, name);
        return slice;
    }
}
