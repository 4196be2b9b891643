using System.Diagnostics;
using System.Threading.Channels;
using HtxFund.Applications;
using HtxFund.Applications.Applying;
using HtxFund.Applications.Deciding;
using HtxFund.Capital;
using HtxFund.Capital.Contributing;
using HtxFund.Cooperatives;
using HtxFund.Cooperatives.AddingMembers;
using HtxFund.Cooperatives.Registering;
using HtxFund.Funds;
using HtxFund.Identity;
using HtxFund.Lending;
using HtxFund.Loans;
using HtxFund.Loans.CheckingCredit;
using HtxFund.Loans.Contracting;
using HtxFund.Loans.Disbursing;
using HtxFund.Loans.Repaying;
using HtxFund.Loans.Restructuring;
using HtxFund.Loans.Servicing;
using HtxFund.Policy;
using HtxFund.Reference;
using Marten;
using Weasel.Core;
using NodaTime;

namespace HtxFund.Seeding;

/// <summary>How the seeder writes: one transaction per command on the aggregate loaded from the store (as the endpoints
/// do), or whole streams appended in large batches (the same events, decided in memory by the same functions).</summary>
public enum SeedPath { Commands, Bulk }

/// <summary>What was seeded, how long it took and the CPU time the app spent on it (all its threads).</summary>
public sealed record SeedReport(int Funds, int Cooperatives, int Loans, long Events, TimeSpan Elapsed, TimeSpan AppCpu,
    IReadOnlyDictionary<PayerKind, int> Borrowers, int Restructurings)
{
    public double EventsPerSecond => Events / Math.Max(0.001, Elapsed.TotalSeconds);
}

/// <summary>
/// Seeds a realistic portfolio in simulated business time. Every event is made by the domain's own pure decisions
/// (<c>RegisterCooperativeEndpoint.Decide</c>, <c>StartApplicationEndpoint.Decide</c>, <c>Decisions.Approve</c>,
/// <c>SignContractEndpoint.Decide</c>, <c>DisbursementRules.CheckConfirmation</c>, <c>RepaymentRules.Record</c>, <c>RestructuringRules</c>, ...) over the
/// aggregate as it is at that step; ids and instants are drawn from the seed, so both paths append identical events.
/// Not produced (the API renders PDFs for them): decision letters and contract documents.
/// </summary>
public sealed partial class PortfolioSeeder(IDocumentStore store)
{
    private static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb[Infrastructure.Time.TimeSetup.DefaultZone];
    private const int BackdateDays = Policy.FundPolicySettings.DefaultRepaymentBackdateDays;
    private const int CreditCheckMaxAgeDays = Policy.FundPolicySettings.DefaultCreditCheckMaxAgeDays;

    /// <summary>One command of a loan's history: its business date and its decision over the loan and the fund's ledger
    /// (read only for the steps that decide on it: <paramref name="NeedsLedger"/>).</summary>
    private sealed record Step(LocalDate Date, Func<Loan, FundCapitalLedger, Decided> Decide, bool NeedsLedger = false);

    /// <summary>The loan's events a step appends (the fund's ledger lines follow from them) and the documents it writes.</summary>
    private sealed record Decided(object[] LoanEvents, object[] Documents)
    {
        public static readonly Decided Nothing = new([], []);
    }

    /// <param name="Numbers">The highest number planned in each register and year (files, decisions to lend).</param>
    /// <param name="Exists">The fund, its capital and its own cooperatives are in the store already (a demo fund): only the
    /// planned cooperatives and loans are written.</param>
    private sealed record PlannedFund(string TenantId, Fund Fund, CharterCapitalContributed Contribution, List<PlannedCooperative> Cooperatives,
        List<PlannedLoan> Loans, Dictionary<(Register Register, int Year), long> Numbers, bool Exists = false);

    private sealed record PlannedCooperative(Guid Id, List<object> Events, string Name, string Province, List<(Guid Id, string Name)> Members);

    /// <param name="Kind">How the borrower pays; null for an application that never became a loan.</param>
    private sealed record PlannedLoan(Guid Id, ApplicationDrafted Drafted, List<Step> Steps, PayerKind? Kind, bool Restructures);

    public static Instant At(LocalDate date, int minute) =>
        date.At(new LocalTime(8, 0).PlusMinutes(minute)).InZoneLeniently(Zone).ToInstant();

    public Task<SeedReport> SeedAsync(PortfolioOptions options, SeedPath path, int batchSize = 500, Action<string>? log = null,
        CancellationToken ct = default, int parallelFunds = 2) =>
        RunAsync(Plan(options), path, batchSize, log, ct, parallelFunds);

    /// <summary>Seeds a portfolio into funds that exist (<see cref="ExistingFundPortfolio"/>), on the bulk path.</summary>
    public Task<SeedReport> SeedIntoAsync(IReadOnlyList<ExistingFundPortfolio> funds, int batchSize = 500, Action<string>? log = null,
        CancellationToken ct = default) =>
        RunAsync(funds.Select(PlanInto), SeedPath.Bulk, batchSize, log, ct, parallelFunds: 2);

    private async Task<SeedReport> RunAsync(IEnumerable<PlannedFund> plans, SeedPath path, int batchSize, Action<string>? log,
        CancellationToken ct, int parallelFunds)
    {
        var watch = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        long events = 0;
        int funds = 0, cooperatives = 0, loans = 0, restructurings = 0;
        var borrowers = Enum.GetValues<PayerKind>().ToDictionary(k => k, _ => 0);
        void Done(PlannedFund fund, long count)
        {
            lock (watch)
            {
                events += count;
                funds++;
                cooperatives += fund.Cooperatives.Count;
                loans += fund.Loans.Count;
                foreach (var loan in fund.Loans) if (loan.Kind is { } kind) borrowers[kind]++;
                restructurings += fund.Loans.Count(l => l.Restructures);
                log?.Invoke($"{fund.TenantId}: {fund.Cooperatives.Count} cooperatives, {fund.Loans.Count} loans, {events} events so far, {watch.Elapsed.TotalSeconds:F0} s");
            }
        }
        if (path == SeedPath.Commands)
        {
            foreach (var fund in plans)
            {
                if (fund.Exists) throw new NotSupportedException("A portfolio is seeded into an existing fund on the bulk path only.");
                Done(fund, await CommandsAsync(fund, ct));
            }
        }
        else
        {
            // Funds are planned one after another on this thread (one random stream: the same portfolio whatever the
            // parallelism) and written concurrently, up to parallelFunds at a time, each by its own pipeline.
            using var gate = new SemaphoreSlim(Math.Max(1, parallelFunds));
            var running = new List<Task>();
            foreach (var fund in plans)
            {
                await gate.WaitAsync(ct);
                // a failed fund stops the seeding now; finished funds are let go (their plans need not stay in memory)
                if (running.FirstOrDefault(t => t.IsFaulted) is { } failed) await failed;
                running.RemoveAll(t => t.IsCompleted);
                running.Add(Task.Run(async () =>
                {
                    try { Done(fund, await BulkAsync(fund, batchSize, ct)); }
                    finally { gate.Release(); }
                }, ct));
            }
            await Task.WhenAll(running);
        }
        return new(funds, cooperatives, loans, events, watch.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpu, borrowers,
            restructurings);
    }

    // ---------------------------------------------------------------- writing

    private async Task<long> CommandsAsync(PlannedFund fund, CancellationToken ct)
    {
        long count = 0;
        await StoreFundAsync(fund, ct);
        await using (var s = store.LightweightSession(fund.TenantId))
        {
            s.Events.StartStream<FundCapitalStream>(FundCapital.StreamId, fund.Contribution);
            await s.SaveChangesAsync(ct);
            count++;
        }
        foreach (var coop in fund.Cooperatives)
        {
            await using (var s = store.LightweightSession(fund.TenantId))
            {
                s.Events.StartStream<Cooperative>(coop.Id, coop.Events[0]);
                await s.SaveChangesAsync(ct);
            }
            for (var version = 2; version <= coop.Events.Count; version++)
            {
                await using var s = store.LightweightSession(fund.TenantId);
                s.Events.Append(coop.Id, version, coop.Events[version - 1]);
                await s.SaveChangesAsync(ct);
            }
            count += coop.Events.Count;
        }
        foreach (var loan in fund.Loans)
        {
            await using (var s = store.LightweightSession(fund.TenantId))
            {
                s.Events.StartStream<LoanApplication>(loan.Id, loan.Drafted);
                await s.SaveChangesAsync(ct);
                count++;
            }
            foreach (var step in loan.Steps)
            {
                // the loan as its inline snapshot holds it and the stream's version, which the append expects (as a command's)
                await using var s = store.LightweightSession(fund.TenantId);
                var current = await s.LoadAsync<Loan>(loan.Id, ct);
                var version = (await s.Events.FetchStreamStateAsync(loan.Id, ct))!.Version;
                var ledger = step.NeedsLedger ? await FundCapital.LedgerAsync(s, ct) : new FundCapitalLedger();
                var decided = step.Decide(current!, ledger);
                if (decided.LoanEvents.Length == 0) continue;
                s.Events.Append(loan.Id, version + decided.LoanEvents.Length, decided.LoanEvents);
                foreach (var d in decided.Documents) s.Insert(d);
                await s.SaveChangesAsync(ct);
                count += decided.LoanEvents.Length;
            }
        }
        await CatchUpRegistersAsync(fund, ct);
        return count;
    }

    /// <summary>The fund's registers continue after the numbers the seeder wrote.</summary>
    private async Task CatchUpRegistersAsync(PlannedFund fund, CancellationToken ct)
    {
        await using var s = store.LightweightSession(fund.TenantId);
        foreach (var ((register, year), highest) in fund.Numbers) await Registers.CatchUpAsync(s, register, year, highest, ct);
        await s.SaveChangesAsync(ct);
    }

    /// <summary>The fund itself is a shared (not per-tenant) document, stored as the demo stores its funds.</summary>
    private async Task StoreFundAsync(PlannedFund fund, CancellationToken ct)
    {
        await using var s = store.LightweightSession();
        s.Store(fund.Fund);
        await s.SaveChangesAsync(ct);
    }

    /// <summary>One transaction's worth of a fund: whole loan streams decided in memory (with where the application part ends)
    /// and the bank references their repayments booked.</summary>
    private sealed record Batch(List<(Guid Id, object[] Events, int Split)> Loans, List<object> Documents, long Count);

    /// <summary>
    /// A fund on the bulk path: one task decides batches of loans (the domain's functions over the aggregate in memory)
    /// while this one appends the previous batch, so deciding and writing overlap. The inline projections run as usual.
    /// The bank references (plain documents, one per repayment) are copied in with PostgreSQL COPY after the batch.
    /// </summary>
    private async Task<long> BulkAsync(PlannedFund fund, int batchSize, CancellationToken ct)
    {
        long count = 0;
        if (!fund.Exists) await StoreFundAsync(fund, ct);
        await using (var s = SeedingSession(fund.TenantId))
        {
            if (!fund.Exists) s.Events.StartStream<FundCapitalStream>(FundCapital.StreamId, fund.Contribution);
            foreach (var coop in fund.Cooperatives) s.Events.StartStream<Cooperative>(coop.Id, coop.Events.ToArray());
            await s.SaveChangesAsync(ct);
            count += (fund.Exists ? 0 : 1) + fund.Cooperatives.Sum(c => c.Events.Count);
        }
        var batches = Channel.CreateBounded<Batch>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        var deciding = Task.Run(async () =>
        {
            try
            {
                foreach (var chunk in fund.Loans.Chunk(batchSize)) await batches.Writer.WriteAsync(Decide(fund, chunk), ct);
                batches.Writer.Complete();
            }
            catch (Exception e)
            {
                batches.Writer.Complete(e);
            }
        }, ct);
        await foreach (var batch in batches.Reader.ReadAllAsync(ct))
        {
            // Two transactions: the application part of each stream (to its decision), then the loan part. The
            // application's read model keeps the version of its decision, as when the commands run one by one (Marten
            // sets an aggregate's Version to the last event of the stream in the transaction).
            await using (var s = SeedingSession(fund.TenantId))
            {
                foreach (var (id, events, split) in batch.Loans) s.Events.StartStream<LoanApplication>(id, events[..split]);
                await s.SaveChangesAsync(ct);
            }
            await using (var s = SeedingSession(fund.TenantId))
            {
                // the expected version tells the inline projections the versions, as a command's append does (the ledger's
                // lines of the loans' disbursements and repayments are projected from these events)
                foreach (var (id, events, split) in batch.Loans)
                    if (split < events.Length) s.Events.Append(id, (long)events.Length, events[split..]);
                await s.SaveChangesAsync(ct);
            }
            if (batch.Documents.Count > 0)
                await store.BulkInsertDocumentsAsync(fund.TenantId, batch.Documents, BulkInsertMode.InsertsOnly, 10_000, ct);
            count += batch.Count;
        }
        await deciding;
        await CatchUpRegistersAsync(fund, ct);
        return count;
    }

    /// <summary>A session for the seeder's own writes: the commit does not wait for the WAL flush (a seeded database
    /// is rebuilt by seeding again; nothing else changes).</summary>
    private IDocumentSession SeedingSession(string tenantId)
    {
        var s = store.LightweightSession(tenantId);
        s.QueueSqlCommand("SET LOCAL synchronous_commit = off");
        return s;
    }

    /// <summary>Every step of each loan decided over the loan as it stands, in order. The ledger the confirmations decide on
    /// is the charter capital (sized so that the fund's cash never runs out, which the command path checks against the
    /// full ledger).</summary>
    private static Batch Decide(PlannedFund fund, PlannedLoan[] chunk)
    {
        var ledger = FundCapitalLedger.Of([CapitalEntries.Of(fund.Contribution)!]);
        var loans = new List<(Guid, object[], int)>(chunk.Length);
        var documents = new List<object>();
        long count = 0;
        foreach (var loan in chunk)
        {
            var events = new List<object> { loan.Drafted };
            var aggregate = Loan.Create(loan.Drafted);
            foreach (var step in loan.Steps)
            {
                var decided = step.Decide(aggregate, ledger);
                foreach (var e in decided.LoanEvents) aggregate = ApplyToLoan(aggregate, e);
                events.AddRange(decided.LoanEvents);
                documents.AddRange(decided.Documents);
            }
            var split = events.FindIndex(e => e is LoanApproved or LoanRejected) + 1;
            loans.Add((loan.Id, events.ToArray(), split <= 0 ? events.Count : split));
            count += events.Count;
        }
        return new Batch(loans, documents, count);
    }

    private static Loan ApplyToLoan(Loan loan, object e) => e switch
    {
        ApplicationDrafted or ApplicationNumbered or ApplicationSubmitted or BoardVoteCast => loan,
        ApplicationReturnedForInformation or ApplicationWithdrawn or LoanRejected => loan, // nothing follows them in a seeded history
        ApplicationAppraised x => loan.Apply(x),
        LoanApproved x => loan.Apply(x),
        LoanContractSigned x => loan.Apply(x),
        BorrowerCreditChecked x => loan.Apply(x),
        TranchePrepared x => loan.Apply(x),
        TrancheDisbursed x => loan.Apply(x),
        LoanRepaymentRecorded x => loan.Apply(x),
        LoanClosed x => loan.Apply(x),
        LoanRestructuringRequested x => loan.Apply(x),
        LoanRestructuringApproved x => loan.Apply(x),
        Loans.Migrating.LoanMigrated x => loan.Apply(x),
        Loans.Migrating.LoanOpeningBalanceRecorded x => loan.Apply(x),
        _ => throw new ArgumentException($"The seeder does not fold {e.GetType().Name}."),
    };
}
