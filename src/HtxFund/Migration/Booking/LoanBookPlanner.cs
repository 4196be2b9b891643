using HtxFund.Cooperatives;
using HtxFund.Cooperatives.AddingMembers;
using HtxFund.Cooperatives.Registering;
using HtxFund.Seeding;
using NodaTime;

namespace HtxFund.Migration.Booking;

/// <summary>
/// Decides a whole loan book in memory, as the portfolio seeder decides its streams: every event is made by the domain's
/// own pure decisions (<see cref="RegisterCooperativeEndpoint.Decide"/>, <see cref="AddCooperativeMemberEndpoint.Decide"/>,
/// the application, approval, contract, disbursement and repayment decisions of <see cref="PlanLoan"/>), dated as in the
/// file. Pure: the fund's holdings are read before and handed in; nothing is written here.
/// </summary>
public static partial class LoanBookPlanner
{
    /// <summary>A borrower as a loan row needs it: the cooperative and, for a member's loan, the member.</summary>
    private sealed record PlannedCooperative(Guid Id, string Name, string Province, string MainSector, List<ExistingMember> Members);

    public static LoanBookPlan Plan(LoanBookFile file, FundHoldings holdings, BookingContext context)
    {
        var cooperatives = new Dictionary<string, PlannedCooperative>();
        var streams = new List<PlannedStream>();
        var refusals = new List<BookingRefusal>();
        foreach (var row in file.Cooperatives)
        {
            var members = file.Members.Where(m => m.CooperativeTaxCode == row.TaxCode).ToList();
            var (planned, stream) = holdings.Cooperatives.TryGetValue(row.TaxCode, out var existing)
                ? WithMembers(existing, members, context)
                : Register(row, members, FirstContractDate(file, row.TaxCode), context);
            cooperatives[row.TaxCode] = planned;
            if (stream is not null) streams.Add(stream);
        }
        // members of a cooperative of the fund that the file does not list again
        foreach (var group in file.Members.Where(m => !cooperatives.ContainsKey(m.CooperativeTaxCode)).GroupBy(m => m.CooperativeTaxCode))
        {
            if (!holdings.Cooperatives.TryGetValue(group.Key, out var existing)) continue;
            var (planned, stream) = WithMembers(existing, group.ToList(), context);
            cooperatives[group.Key] = planned;
            if (stream is not null) streams.Add(stream);
        }

        var loans = new List<PlannedLoan>();
        var skipped = new List<ImportedLoan>();
        foreach (var row in file.Loans)
        {
            var id = LoanBookIds.Loan(context.FundId, row.ContractNumber);
            if (holdings.BookedLoans.Contains(id))
            {
                skipped.Add(row);
                continue;
            }
            var cooperative = cooperatives.GetValueOrDefault(row.BorrowerTaxCode)
                              ?? (holdings.Cooperatives.TryGetValue(row.BorrowerTaxCode, out var held) ? Planned(held) : null);
            if (cooperative is null)
            {
                refusals.Add(new(row.Row, row.ContractNumber, "loan_book.unknown_borrower",
                    $"Không tìm thấy hợp tác xã có mã số thuế {row.BorrowerTaxCode} trong tệp hoặc trong quỹ."));
                continue;
            }
            var member = row.MemberNationalId is null && row.MemberTaxCode is null ? null
                : cooperative.Members.FirstOrDefault(m => (row.MemberNationalId is { } n && m.NationalId == n) || (row.MemberTaxCode is { } t && m.OrganisationTaxCode == t));
            if ((row.MemberNationalId is not null || row.MemberTaxCode is not null) && member is null)
            {
                refusals.Add(new(row.Row, row.ContractNumber, "loan_book.member_not_of_cooperative",
                    $"Thành viên vay ({row.MemberNationalId ?? row.MemberTaxCode}) không thuộc hợp tác xã có mã số thuế {row.BorrowerTaxCode}."));
                continue;
            }
            var decided = PlanLoan(row, id, new Borrower(cooperative.Id, cooperative.Name, cooperative.Province, cooperative.MainSector, member), context);
            if (decided.Refusal is not null) refusals.Add(decided.Refusal);
            else loans.Add(decided.Loan!);
        }
        return new LoanBookPlan(streams, loans, skipped, refusals);
    }

    private static PlannedCooperative Planned(ExistingCooperative c) => new(c.Id, c.Name, c.Province, c.MainSector, c.Members.ToList());

    /// <summary>The cooperative is registered in HtxFund on the day of its first loan's contract (or the cut-over when it has
    /// none in the file): its loans' applications come after it.</summary>
    private static LocalDate FirstContractDate(LoanBookFile file, string taxCode) =>
        file.Loans.Where(l => l.BorrowerTaxCode == taxCode).Select(l => l.ContractDate).DefaultIfEmpty(file.CutOver).Min();

    private static (PlannedCooperative, PlannedStream) Register(ImportedCooperative row, IReadOnlyList<ImportedMember> members, LocalDate on,
        BookingContext context)
    {
        var id = LoanBookIds.Cooperative(context.FundId, row.TaxCode);
        var command = new RegisterCooperative(row.Name, row.Type.ToString(), row.TaxCode, row.Province, row.District, row.Address,
            row.RegistrationDate, row.LegalRepresentative, row.MemberCount, row.MainSector, row.Priority, row.ContactEmail, row.Phone).Normalised();
        var registered = RegisterCooperativeEndpoint.Decide(command, id, context.By, PortfolioSeeder.At(on, 0), on);
        var events = new List<object> { registered };
        var planned = new PlannedCooperative(id, registered.Name, registered.Province, registered.MainSector, []);
        AddMembers(Cooperative.Create(registered), planned, members, events, on, context);
        return (planned, new PlannedStream(id, 0, events.ToArray()));
    }

    /// <summary>A cooperative of the fund keeps everything it has; the file's members it does not have yet are added.</summary>
    private static (PlannedCooperative, PlannedStream?) WithMembers(ExistingCooperative existing, IReadOnlyList<ImportedMember> members,
        BookingContext context)
    {
        var planned = Planned(existing);
        var events = new List<object>();
        AddMembers(existing.Aggregate, planned, members, events, context.CutOver, context);
        return (planned, events.Count == 0 ? null : new PlannedStream(existing.Id, existing.Version + events.Count, events.ToArray()));
    }

    private static void AddMembers(Cooperative cooperative, PlannedCooperative planned, IReadOnlyList<ImportedMember> members, List<object> events,
        LocalDate on, BookingContext context)
    {
        foreach (var (m, i) in members.Select((m, i) => (m, i)))
        {
            var add = new AddCooperativeMember(m.FullName, m.NationalId, m.Membership.ToString(), m.IsEnterprise, m.OrganisationTaxCode, m.JoinedOn)
                .Normalised();
            if (planned.Members.Any(x => (add.NationalId is { } n && x.NationalId == n) || (add.OrganisationTaxCode is { } t && x.OrganisationTaxCode == t)))
                continue;
            var id = LoanBookIds.Member(planned.Id, add.NationalId ?? add.OrganisationTaxCode ?? m.FullName);
            var decision = AddCooperativeMemberEndpoint.Decide(add, cooperative, id, context.By, PortfolioSeeder.At(on, i + 1), on);
            if (decision.Added is not { } added) continue; // already a member (same national ID or tax code)
            cooperative = cooperative.Apply(added);
            events.Add(added);
            planned.Members.Add(new ExistingMember(added.MemberId, added.FullName, added.NationalId, added.OrganisationTaxCode));
        }
    }
}
