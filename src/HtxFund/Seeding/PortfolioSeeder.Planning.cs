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

/// <summary>The planning half of <see cref="PortfolioSeeder"/>: each fund, its staff, cooperatives and loans, and each
/// loan's history as steps decided by the domain's own rules (pure and deterministic: drawn from the seed).</summary>
public sealed partial class PortfolioSeeder
{
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

    /// <param name="Applicant">The cooperative's own user, when the seeded fund has one (drafts and withdrawals are its acts).</param>
    private sealed record SeedStaff(Actor Admin, Actor Credit, Actor Appraiser, Actor Director, Actor[] Board, Actor Accountant, Actor Chief,
        Actor Risk, Actor? Applicant = null);

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

    /// <param name="shape">What the loan must show at the end of the history (an application stage, or an instalment unpaid
    /// since a given date); null: drawn like the rest of the portfolio.</param>
    /// <param name="maxAmount">The largest amount the fund can lend on this loan (its cash budget); larger draws are cut.</param>
    private static (PlannedLoan Loan, long Amount) PlanLoan(SeedRandom r, string tenant, int index, PlannedCooperative coop, PortfolioOptions o,
        SeedStaff staff, LendingPolicy policy, FundPolicy fundPolicy, Dictionary<(Register, int), long> numbers, LoanShape? shape = null,
        long maxAmount = long.MaxValue)
    {
        var id = r.NewId();
        // ~70 % of loans go to members (20 m–500 m ₫), the rest to the cooperative itself (0.5–5 bn ₫), DOMAIN.md §5.
        var toMember = coop.Members.Count > 0 && r.Chance(0.7);
        var member = toMember ? coop.Members[r.Next(coop.Members.Count)] : default;
        var amount = toMember ? r.LogUniform(20_000_000, 500_000_000, 1_000_000) : r.LogUniform(500_000_000, 5_000_000_000, 10_000_000);
        if (amount > maxAmount) amount = Math.Max(MinimumAmount, maxAmount / 1_000_000 * 1_000_000);
        var term = toMember ? r.Pick([12, 12, 18, 24, 24, 36]) : r.Pick([24, 36, 36, 48, 60]);
        var frequency = r.Chance(0.8) ? RepaymentFrequency.Monthly : RepaymentFrequency.Quarterly;
        var method = r.Chance(0.85) ? RepaymentMethod.EqualPrincipal : RepaymentMethod.Annuity;
        var grace = !toMember && r.Chance(0.3) ? 6 : 0;
        // an instalment unpaid since a date: monthly instalments from the start, so that one falls due on that date
        if (shape?.UnpaidSince is not null) (frequency, grace, term) = (RepaymentFrequency.Monthly, 0, Math.Max(term, 24));
        var rate = r.Pick([5.0m, 5.5m, 6.0m, 6.5m, 7.0m]);
        var (sector, _) = SeedNames.Sector(r);
        var collateralValue = amount * r.Between(12, 20) / 10;
        var request = new LoanRequestInput(r.Pick(SeedNames.Purposes), sector, amount * 10 / 7, amount * 3 / 7 + 1, amount, term,
            method.ToString(), frequency.ToString(), grace, [new CollateralInput(nameof(CollateralType.LandUseRight), "Quyền sử dụng đất nông nghiệp", collateralValue)],
            false, SeedNames.Priority(r, sector.Contains("Nông") || sector.Contains("Chăn")));

        // Dates: drafted in the window, leaving a month for the file to reach disbursement.
        var span = Period.Between(o.From, o.Until.PlusMonths(-1), PeriodUnits.Days).Days;
        var drafted = o.From.PlusDays(r.Next(Math.Max(1, span)));
        // a shaped loan: an application still in the pipeline is recent; a loan behind since a date is signed months before it
        if (shape is { StopAt: not null }) drafted = o.Until.PlusDays(-r.Between(16, 60));
        if (shape?.SignedOn is { } signedOn) drafted = signedOn.PlusDays(-20);
        var submitted = drafted.PlusDays(r.Between(0, 3));
        var appraised = submitted.PlusDays(r.Between(2, 8));
        var decided = appraised.PlusDays(r.Between(1, 4));
        var signed = shape?.SignedOn ?? decided.PlusDays(r.Between(1, 5));
        var disbursedOn = shape?.SignedOn ?? signed.PlusDays(r.Between(0, 4));
        var minute = index % 480;

        var draftedEvent = StartApplicationEndpoint.Decide(new StartApplication(toMember ? member.Id : null, request), id, coop.Id,
            toMember ? member.Name : coop.Name, coop.Province, shape?.ByApplicant == true ? staff.Applicant ?? staff.Credit : staff.Credit,
            At(drafted, minute), drafted);
        var proposal = new LoanProposal(amount, rate, term, method, frequency, grace, disbursedOn);
        var generated = ScheduleRows.Generate(proposal, policy);
        var (schedule, totalInterest, calendarVersion) = generated;
        // Limit checks are not recomputed here (they query the store); the seeded capital is sized so that all pass.
        var limits = new LimitChecks.Outcome([], 0);
        var tier = Decisions.TierAtAppraisal(fundPolicy, amount, boardSeized: false, previous: null);
        // The fund's registers, numbered from 1 each year (in the order the loans are planned); the registers are caught
        // up with these numbers after the fund is written (CatchUpRegistersAsync).
        string Next(Register register, int year) => register.Format(year, numbers[(register, year)] = numbers.GetValueOrDefault((register, year)) + 1);
        var stop = shape?.StopAt;
        var fileNumber = stop == ApplicationStop.Draft ? "" : Next(Registers.ApplicationFiles, submitted.Year);
        var number = stop switch
        {
            null or ApplicationStop.Approved => Next(Registers.DecisionsToLend, decided.Year),
            ApplicationStop.Rejected => Next(Registers.RefusalNotices, decided.Year),
            _ => "",
        };
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
        if (stop is { } stage && stage != ApplicationStop.Approved)
            return (new PlannedLoan(id, draftedEvent, StageSteps(stage, steps, id, staff, tier, number, appraised, decided, minute), null, false), amount);
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
        if (stop == ApplicationStop.Approved) return (new PlannedLoan(id, draftedEvent, steps, null, false), amount);
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
        // a loan behind since a date: every instalment due before it paid, none from it on
        if (shape?.UnpaidSince is { } since) (kind, stopAfter) = (PayerKind.Defaulter, dueRows.First(x => x.DueDate >= since).Number - 1);
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
