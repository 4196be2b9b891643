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
public sealed class PortfolioSeeder(IDocumentStore store)
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
    private sealed record PlannedFund(string TenantId, Fund Fund, CharterCapitalContributed Contribution, List<PlannedCooperative> Cooperatives,
        List<PlannedLoan> Loans, Dictionary<(Register Register, int Year), long> Numbers);

    private sealed record PlannedCooperative(Guid Id, List<object> Events, string Name, string Province, List<(Guid Id, string Name)> Members);

    private sealed record PlannedLoan(Guid Id, ApplicationDrafted Drafted, List<Step> Steps, PayerKind Kind, bool Restructures);

    public static Instant At(LocalDate date, int minute) =>
        date.At(new LocalTime(8, 0).PlusMinutes(minute)).InZoneLeniently(Zone).ToInstant();

    public async Task<SeedReport> SeedAsync(PortfolioOptions options, SeedPath path, int batchSize = 500, Action<string>? log = null,
        CancellationToken ct = default, int parallelFunds = 2)
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
                foreach (var loan in fund.Loans) borrowers[loan.Kind]++;
                restructurings += fund.Loans.Count(l => l.Restructures);
                log?.Invoke($"{fund.TenantId}: {fund.Cooperatives.Count} cooperatives, {fund.Loans.Count} loans, {events} events so far, {watch.Elapsed.TotalSeconds:F0} s");
            }
        }
        if (path == SeedPath.Commands)
        {
            foreach (var fund in Plan(options)) Done(fund, await CommandsAsync(fund, ct));
        }
        else
        {
            // Funds are planned one after another on this thread (one random stream: the same portfolio whatever the
            // parallelism) and written concurrently, up to parallelFunds at a time, each by its own pipeline.
            using var gate = new SemaphoreSlim(Math.Max(1, parallelFunds));
            var running = new List<Task>();
            foreach (var fund in Plan(options))
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
            s.Events.StartStream<FundCapitalLedger>(FundCapital.StreamId, fund.Contribution);
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
            foreach (var added in coop.Events.Skip(1))
            {
                await using var s = store.LightweightSession(fund.TenantId);
                var stream = await s.Events.FetchForWriting<Cooperative>(coop.Id, ct);
                stream.AppendOne(added);
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
                await using var s = store.LightweightSession(fund.TenantId);
                var stream = await s.Events.FetchForWriting<Loan>(loan.Id, ct);
                var ledger = step.NeedsLedger ? await FundCapital.LedgerAsync(s, ct) : new FundCapitalLedger();
                var decided = step.Decide(stream.Aggregate!, ledger);
                if (decided.LoanEvents.Length == 0) continue;
                stream.AppendMany(decided.LoanEvents);
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
        await StoreFundAsync(fund, ct);
        await using (var s = SeedingSession(fund.TenantId))
        {
            s.Events.StartStream<FundCapitalLedger>(FundCapital.StreamId, fund.Contribution);
            foreach (var coop in fund.Cooperatives) s.Events.StartStream<Cooperative>(coop.Id, coop.Events.ToArray());
            await s.SaveChangesAsync(ct);
            count += 1 + fund.Cooperatives.Sum(c => c.Events.Count);
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
                // the expected version tells the inline projections the versions, as FetchForWriting does (the ledger's
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
        ApplicationDrafted or ApplicationNumbered or ApplicationSubmitted or ApplicationAppraised or BoardVoteCast => loan,
        LoanApproved x => loan.Apply(x),
        LoanContractSigned x => loan.Apply(x),
        BorrowerCreditChecked x => loan.Apply(x),
        TranchePrepared x => loan.Apply(x),
        TrancheDisbursed x => loan.Apply(x),
        LoanRepaymentRecorded x => loan.Apply(x),
        LoanClosed x => loan.Apply(x),
        LoanRestructuringRequested x => loan.Apply(x),
        LoanRestructuringApproved x => loan.Apply(x),
        _ => throw new ArgumentException($"The seeder does not fold {e.GetType().Name}."),
    };

    // ---------------------------------------------------------------- planning (pure, deterministic)

    /// <summary>The funds one after another, each planned when it is asked for (a 100,000-loan portfolio is never all in memory).</summary>
    private static IEnumerable<PlannedFund> Plan(PortfolioOptions o)
    {
        var r = new SeedRandom(o.RandomSeed);
        var fundPolicy = FundPolicy.Default;
        var policy = fundPolicy.ToLendingPolicy();
        var provinces = Provinces.All;
        for (var f = 0; f < o.Funds; f++)
        {
            var province = provinces[(f * 7) % provinces.Count];
            var tenant = $"seed{f + 1:00}";
            var staff = Staff(tenant, r);
            var fundCoops = Share(o.Cooperatives, o.Funds, f);
            var fundLoans = Share(o.Loans, o.Funds, f);
            var coops = new List<PlannedCooperative>();
            for (var c = 0; c < fundCoops; c++) coops.Add(PlanCooperative(r, f, c, province.Name, staff.Admin, o.From.PlusYears(-2)));

            var loans = new List<PlannedLoan>();
            var numbers = new Dictionary<(Register, int), long>();
            long totalAmount = 0;
            for (var l = 0; l < fundLoans && coops.Count > 0; l++)
            {
                var loan = PlanLoan(r, tenant, l, coops[r.Next(coops.Count)], o, staff, policy, fundPolicy, numbers);
                loans.Add(loan.Loan);
                totalAmount += loan.Amount;
            }
            // Charter capital: at least the legal minimum of 20 bn ₫ (D45 Art 37) and enough for every seeded loan.
            var charter = Math.Max(20_000_000_000L, (totalAmount * 12 / 10 + 999_999_999) / 1_000_000_000 * 1_000_000_000);
            var fundEntity = new Fund
            {
                Id = tenant, Name = $"Quỹ hỗ trợ phát triển hợp tác xã {province.FullName.ToLowerFirst()}", Kind = FundKind.Provincial,
                ProvinceName = province.Name,
                Letterhead = $"ỦY BAN NHÂN DÂN {province.FullName.ToUpperInvariant()}\nQUỸ HỖ TRỢ PHÁT TRIỂN HỢP TÁC XÃ {province.FullName.ToUpperInvariant()}\nĐịa chỉ: (dữ liệu mô phỏng)",
            };
            var contribution = ContributeCharterCapitalEndpoint.Decide(
                new ContributeCharterCapital(charter, "Ngân sách tỉnh", $"Quyết định góp vốn điều lệ {fundEntity.Name}", o.From.PlusYears(-2),
                    o.From.PlusYears(-2).PlusDays(10)).Normalised(), r.NewId(), staff.Admin, At(o.From.PlusYears(-2).PlusDays(10), 0));
            yield return new PlannedFund(tenant, fundEntity, contribution, coops, loans, numbers);
        }
    }

    private static int Share(int total, int parts, int index) => total / parts + (index < total % parts ? 1 : 0);

    private sealed record SeedStaff(Actor Admin, Actor Credit, Actor Appraiser, Actor Director, Actor[] Board, Actor Accountant, Actor Chief,
        Actor Risk);

    private static SeedStaff Staff(string tenant, SeedRandom r)
    {
        Actor A(string name, string role) => new(r.NewId(), $"{tenant}.{name}", [role]);
        return new(A("admin", Roles.Admin), A("credit", Roles.CreditOfficer), A("credit2", Roles.CreditOfficer), A("director", Roles.Director),
            [A("board1", Roles.BoardMember), A("board2", Roles.BoardMember), A("board3", Roles.BoardMember)],
            A("accountant", Roles.Accountant), A("chiefaccountant", Roles.ChiefAccountant), A("risk", Roles.RiskCouncil));
    }

    private static PlannedCooperative PlanCooperative(SeedRandom r, int f, int c, string province, Actor admin, LocalDate registeredFrom)
    {
        var (sector, word) = SeedNames.Sector(r);
        var agricultural = sector is "Nông nghiệp" or "Trồng trọt cà phê" or "Chăn nuôi" or "Thủy sản" or "Lâm nghiệp";
        var district = r.Pick(SeedNames.Districts);
        var place = district.Split(' ', 2)[1];
        var isGroup = r.Chance(0.12);
        var name = isGroup ? $"Tổ hợp tác {word} {place} số {c + 1}" : $"Hợp tác xã {word} {place} số {c + 1}";
        string? taxCode = null;
        for (var serial = c; taxCode is null; serial += 100_000)
            TryTax($"9{f % 100:00}{serial % 1_000_000:000000}", out taxCode);
        var id = r.NewId();
        var registeredOn = registeredFrom.PlusDays(-r.Next(3650));
        var command = new RegisterCooperative(name, isGroup ? "ToHopTac" : "HopTacXa", taxCode, province, district,
            $"{r.Pick(SeedNames.Villages)}, {district.ToLowerFirst()}, {province}", registeredOn, SeedNames.Person(r),
            r.Between(isGroup ? 3 : 7, isGroup ? 20 : 300), sector, SeedNames.Priority(r, agricultural),
            $"htx{f:00}{c:00000}@seed.example", $"09{r.Between(10_000_000, 99_999_999)}").Normalised();
        var at = At(registeredFrom, c % 600);
        var registered = RegisterCooperativeEndpoint.Decide(command, id, admin, at, registeredFrom);
        var cooperative = Cooperative.Create(registered);
        var events = new List<object> { registered };
        var members = new List<(Guid, string)>();
        var memberCount = r.Between(3, 6);
        for (var m = 0; m < memberCount; m++)
        {
            var person = SeedNames.Person(r);
            var nationalId = $"0{r.Between(1, 96):00}{r.Between(0, 3)}{r.Between(50, 99):00}{r.Between(0, 999_999):000000}";
            var add = new AddCooperativeMember(person, nationalId, m == 0 || r.Chance(0.8) ? nameof(MembershipKind.Official) : nameof(MembershipKind.Associate),
                false, null, null).Normalised();
            var decision = AddCooperativeMemberEndpoint.Decide(add, cooperative, r.NewId(), admin, at.Plus(Duration.FromMinutes(m + 1)), registeredFrom);
            if (decision.Refusal is not null) throw new InvalidOperationException($"Seeded member refused: {decision.Refusal.Detail}");
            cooperative = cooperative.Apply(decision.Added!);
            events.Add(decision.Added!);
            members.Add((decision.Added!.MemberId, person));
        }
        return new PlannedCooperative(id, events, name, province, members);
    }

    private static bool TryTax(string prefix, out string? code)
    {
        try { code = TaxCode.Generate(prefix); return true; }
        catch (ArgumentException) { code = null; return false; }
    }

    private static (PlannedLoan Loan, long Amount) PlanLoan(SeedRandom r, string tenant, int index, PlannedCooperative coop, PortfolioOptions o,
        SeedStaff staff, LendingPolicy policy, FundPolicy fundPolicy, Dictionary<(Register, int), long> numbers)
    {
        var id = r.NewId();
        // ~70 % of loans go to members (20 m–500 m ₫), the rest to the cooperative itself (0.5–5 bn ₫), DOMAIN.md §5.
        var toMember = coop.Members.Count > 0 && r.Chance(0.7);
        var member = toMember ? coop.Members[r.Next(coop.Members.Count)] : default;
        var amount = toMember ? r.LogUniform(20_000_000, 500_000_000, 1_000_000) : r.LogUniform(500_000_000, 5_000_000_000, 10_000_000);
        var term = toMember ? r.Pick([12, 12, 18, 24, 24, 36]) : r.Pick([24, 36, 36, 48, 60]);
        var frequency = r.Chance(0.8) ? RepaymentFrequency.Monthly : RepaymentFrequency.Quarterly;
        var method = r.Chance(0.85) ? RepaymentMethod.EqualPrincipal : RepaymentMethod.Annuity;
        var grace = !toMember && r.Chance(0.3) ? 6 : 0;
        var rate = r.Pick([5.0m, 5.5m, 6.0m, 6.5m, 7.0m]);
        var (sector, _) = SeedNames.Sector(r);
        var collateralValue = amount * r.Between(12, 20) / 10;
        var request = new LoanRequestInput(r.Pick(SeedNames.Purposes), sector, amount * 10 / 7, amount * 3 / 7 + 1, amount, term,
            method.ToString(), frequency.ToString(), grace, [new CollateralInput(nameof(CollateralType.LandUseRight), "Quyền sử dụng đất nông nghiệp", collateralValue)],
            false, SeedNames.Priority(r, sector.Contains("Nông") || sector.Contains("Chăn")));

        // Dates: drafted in the window, leaving a month for the file to reach disbursement.
        var span = Period.Between(o.From, o.Until.PlusMonths(-1), PeriodUnits.Days).Days;
        var drafted = o.From.PlusDays(r.Next(Math.Max(1, span)));
        var submitted = drafted.PlusDays(r.Between(0, 3));
        var appraised = submitted.PlusDays(r.Between(2, 8));
        var decided = appraised.PlusDays(r.Between(1, 4));
        var signed = decided.PlusDays(r.Between(1, 5));
        var disbursedOn = signed.PlusDays(r.Between(0, 4));
        var minute = index % 480;

        var draftedEvent = StartApplicationEndpoint.Decide(new StartApplication(toMember ? member.Id : null, request), id, coop.Id,
            toMember ? member.Name : coop.Name, coop.Province, staff.Credit, At(drafted, minute), drafted);
        var proposal = new LoanProposal(amount, rate, term, method, frequency, grace, disbursedOn);
        var generated = ScheduleRows.Generate(proposal, policy);
        var (schedule, totalInterest, calendarVersion) = generated;
        // Limit checks are not recomputed here (they query the store); the seeded capital is sized so that all pass.
        var limits = new LimitChecks.Outcome([], 0);
        var tier = Decisions.TierAtAppraisal(fundPolicy, amount, boardSeized: false, previous: null);
        // The fund's registers, numbered from 1 each year (in the order the loans are planned); the registers are caught
        // up with these numbers after the fund is written (CatchUpRegistersAsync).
        string Next(Register register, int year) => register.Format(year, numbers[(register, year)] = numbers.GetValueOrDefault((register, year)) + 1);
        var fileNumber = Next(Registers.ApplicationFiles, submitted.Year);
        var number = Next(Registers.DecisionsToLend, decided.Year);
        var contractNumber = $"{index + 1:000000}/{signed.Year}/HĐTD-{tenant.ToUpperInvariant()}";
        var trancheId = r.NewId();
        var creditCheckId = r.NewId();
        var disburseEntry = r.NewId();

        var steps = new List<Step>
        {
            new(submitted, (_, _) => Loan1(new ApplicationNumbered(id, fileNumber, staff.Credit, At(submitted, minute)),
                new ApplicationSubmitted(id, staff.Credit, At(submitted, minute), submitted))),
            new(appraised, (_, _) => Loan1(new ApplicationAppraised(id, new Appraisal(true, "Hồ sơ đầy đủ, đã đối chiếu bản gốc",
                "Phương án sản xuất khả thi, dòng tiền đủ trả nợ", r2(amount), proposal, collateralValue, Recommendation.Approve, "",
                schedule, totalInterest, limits.Checks, limits.ActualCharterCapital, fundPolicy.Version, tier, calendarVersion), staff.Appraiser, At(appraised, minute), appraised))),
        };
        if (tier.DecidedBy == ApprovalAuthority.Board)
        {
            for (var v = 0; v < 3; v++)
            {
                var voter = staff.Board[v];
                var last = v == 2;
                var m = v;
                steps.Add(new(decided, (_, _) =>
                {
                    var cast = new BoardVoteCast(id, BoardVote.Approve, "", voter, At(decided, minute + m));
                    return last
                        ? Loan1(cast, Decisions.Approve(id, proposal, generated, Decider.Board, number, limits, fundPolicy.Version,
                            "Hội đồng quản lý biểu quyết thông qua.", voter, At(decided, minute + m), decided))
                        : Loan1(cast);
                }));
            }
        }
        else
        {
            steps.Add(new(decided, (_, _) => Loan1(Decisions.Approve(id, proposal, generated, Decider.Director, number, limits, fundPolicy.Version, "",
                staff.Director, At(decided, minute), decided))));
        }
        steps.Add(new(signed, (loan, _) =>
        {
            var d = SignContractEndpoint.Decide(new SignContract(null, contractNumber, signed, null, null, null, null, null), loan,
                policy, fundPolicy.Version, staff.Director, At(signed, minute));
            return d.Refusal is not null ? throw Refused("contract", d.Refusal) : Loan1(d.Signed!);
        }));
        steps.Add(new(disbursedOn, (loan, _) => Loan1(RecordCreditCheckEndpoint.Decide(new RecordCreditCheck(null, nameof(CreditCheckResult.NoBadDebt),
            "CIC", disbursedOn, ""), loan, creditCheckId, staff.Credit, At(disbursedOn, minute)))));
        steps.Add(new(disbursedOn, (loan, _) => Loan1(PrepareTrancheEndpoint.Decide(new PrepareTranche(null, amount, disbursedOn,
            $"{r3(id)}", "Ngân hàng Nông nghiệp và Phát triển Nông thôn", $"GN-{contractNumber}"), loan, trancheId, staff.Accountant,
            At(disbursedOn, minute + 1)))));
        steps.Add(new(disbursedOn, (loan, ledger) =>
        {
            if (DisbursementRules.CheckConfirmation(loan, trancheId, staff.Chief, disbursedOn, ledger.LowestCashFrom, CreditCheckMaxAgeDays) is { } refusal)
                throw Refused("disbursement", refusal);
            return Loan1(DisbursementRules.Disbursed(loan, trancheId, staff.Chief, At(disbursedOn, minute + 2), disburseEntry));
        }, NeedsLedger: true));

        // Repayment behaviour: most pay on the due date, some late, a few stop paying (default), a few fall behind once and
        // are restructured (Decree 45/2021 Art 27), then pay what falls due on the new plan.
        var u = r.Unit();
        // The due dates are the contract's (its schedule starts on the signing date, as SignContractEndpoint.Decide sets it).
        var dueRows = ScheduleRows.Generate(proposal with { StartDate = signed }, policy).Rows;
        var kind = u < 0.05 ? PayerKind.Defaulter : u < 0.05 + o.RestructuredShare ? PayerKind.Restructured
            : u < 0.18 + o.RestructuredShare ? PayerKind.Late : PayerKind.OnTime;
        var stopAfter = kind switch
        {
            PayerKind.Defaulter => r.Between(1, Math.Max(1, dueRows.Count / 2)),
            // the instalment the borrower cannot pay: the restructuring comes after its due date
            PayerKind.Restructured => r.Between(Math.Min(2, dueRows.Count), Math.Max(Math.Min(2, dueRows.Count), dueRows.Count - 1)) - 1,
            _ => int.MaxValue,
        };
        foreach (var row in dueRows.Where(x => x.Number <= stopAfter))
        {
            var late = kind == PayerKind.Late && r.Chance(0.5) ? r.Between(5, 45) : kind == PayerKind.OnTime && r.Chance(0.05) ? r.Between(1, 10) : 0;
            var paidOn = row.DueDate.PlusDays(late);
            if (paidOn > o.Until) break;
            var rowTotal = row.Total;
            steps.Add(Repayment(paidOn, _ => rowTotal));
        }
        var restructures = false;
        if (kind == PayerKind.Restructured)
        {
            var missed = dueRows[stopAfter];
            var requestedOn = missed.DueDate.PlusDays(r.Between(10, 40));
            var approvedOn = requestedOn.PlusDays(r.Between(1, 5));
            var remaining = dueRows.Where(x => x.DueDate > requestedOn).Select(x => x.DueDate).ToList();
            // an extension when nothing of the term is left to spread the debt over, else a third of the time
            var structure = remaining.Count < 2 || r.Chance(0.35) ? RestructuringKind.Extension : RestructuringKind.ScheduleAdjustment;
            var dates = remaining;
            if (structure == RestructuringKind.Extension)
            {
                var extraMonths = r.Pick([6, 9, 12]);
                var final = dueRows[^1].DueDate.PlusMonths(extraMonths);
                dates = [];
                for (var d = requestedOn.PlusMonths(1); d < final; d = d.PlusMonths(frequency == RepaymentFrequency.Quarterly ? 3 : 1)) dates.Add(d);
                dates.Add(final);
            }
            var restructuringId = r.NewId();
            var reason = structure == RestructuringKind.Extension
                ? "Hợp tác xã gặp khó khăn do thiên tai, mất mùa; không trả được nợ đúng hạn, có phương án trả nợ trong thời gian gia hạn."
                : "Dòng tiền từ sản xuất chậm hơn dự kiến; đề nghị điều chỉnh kỳ hạn trả nợ trong thời hạn cho vay.";
            if (approvedOn <= o.Until)
            {
                restructures = true;
                steps.Add(new(requestedOn, (loan, _) =>
                {
                    // all principal not yet repaid, spread evenly over the new due dates (the last takes the rest)
                    var outstanding = LoanTransactions.Statement(loan, requestedOn, policy)!.Valuation.PrincipalOutstanding.Dong;
                    var each = outstanding / dates.Count / 1000 * 1000;
                    var plan = dates.Select((d, i) => new PlannedInstalment(d, i == dates.Count - 1 ? outstanding - each * (dates.Count - 1) : each)).ToArray();
                    if (RestructuringRules.Request(loan, structure, requestedOn, plan, policy) is { } refusal) throw Refused("restructuring request", refusal);
                    var command = new RequestRestructuring(null, structure, requestedOn, plan.Select(p => new PlannedInstalmentInput(p.DueDate, p.Principal)).ToArray(),
                        reason);
                    return Loan1(RequestRestructuringEndpoint.Decide(command, id, restructuringId, staff.Credit, At(requestedOn, minute)));
                }));
                steps.Add(new(approvedOn, (loan, _) =>
                {
                    if (RestructuringRules.Approval(loan, restructuringId, staff.Risk, policy) is { } refusal) throw Refused("restructuring approval", refusal);
                    return Loan1(new LoanRestructuringApproved(id, restructuringId, staff.Risk, At(approvedOn, minute)));
                }));
                // then the borrower pays what falls due on each new due date
                foreach (var due in dates.Where(d => d > approvedOn && d <= o.Until))
                    steps.Add(Repayment(due, loan => LoanTransactions.Statement(loan, due, policy)!.Valuation.AmountDue.Dong));
            }
        }
        return (new PlannedLoan(id, draftedEvent, steps, kind, restructures), amount);

        // A repayment on paidOn of the amount the borrower pays (decided over the loan as it then stands), by bank transfer.
        Step Repayment(LocalDate paidOn, Func<Loan, long> amountOf)
        {
            var repaymentId = r.NewId();
            var entryId = r.NewId();
            var reference = $"FT{paidOn:yyMMdd}{r3(repaymentId)}";
            return new(paidOn, (loan, _) =>
            {
                if (loan.IsClosed) return Decided.Nothing;
                var paid = amountOf(loan);
                if (paid <= 0) return Decided.Nothing;
                var reads = new RepaymentReads(null, policy);
                var booking = RepaymentRules.Record(loan, new RepaymentInput(paid, paidOn, RepaymentChannel.BankTransfer, reference),
                    reads, paidOn, BackdateDays, staff.Accountant, At(paidOn, minute), repaymentId, entryId);
                // A borrower settling the loan pays what settles it, not the contract row's total (the domain refuses more)
                if (booking.Refusal?.Extensions["code"] as string == "repayment.above_payoff")
                    booking = RepaymentRules.Record(loan, new RepaymentInput((long)booking.Refusal.Extensions["payoff"]!, paidOn,
                        RepaymentChannel.BankTransfer, reference), reads, paidOn, BackdateDays, staff.Accountant, At(paidOn, minute), repaymentId, entryId);
                if (booking.Refusal is not null) throw Refused("repayment", booking.Refusal);
                return new Decided(booking.ToEvents().ToArray(), [booking.Reference!]);
            });
        }

        static RiskRating r2(long a) => a > 1_000_000_000 ? RiskRating.Medium : RiskRating.Low;
        static string r3(Guid g) => string.Concat(g.ToString("N").Where(char.IsDigit).Take(10)).PadRight(10, '0');
    }

    private static Decided Loan1(params object[] events) => new(events, []);

    private static InvalidOperationException Refused(string what, Microsoft.AspNetCore.Mvc.ProblemDetails p) =>
        new($"The seeded {what} was refused by the domain: {p.Detail}");
}

internal static class SeedText
{
    public static string ToLowerFirst(this string s) => s.Length == 0 ? s : char.ToLowerInvariant(s[0]) + s[1..];
}
