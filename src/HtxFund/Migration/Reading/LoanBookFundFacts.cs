using HtxFund.Cooperatives.GettingDetails;
using HtxFund.Loans.GettingDetails;
using Marten;

namespace HtxFund.Migration.Reading;

/// <summary>A cooperative already in the fund: its tax code and its members' national IDs and tax codes.</summary>
public sealed record FundCooperative(string TaxCode, IReadOnlySet<string> MemberNationalIds, IReadOnlySet<string> MemberTaxCodes);

/// <summary>What the reader checks a workbook against: the fund's cooperatives by tax code, the contract numbers its
/// loans use, and the hashes of the files it has booked (a contract number of a loan booked from the same file is
/// "already imported", any other use of it is a refusal).</summary>
public sealed record LoanBookFundFacts(IReadOnlyDictionary<string, FundCooperative> Cooperatives, IReadOnlySet<string> ContractNumbers,
    IReadOnlySet<string> BookedFiles)
{
    public static readonly LoanBookFundFacts None = new(new Dictionary<string, FundCooperative>(), new HashSet<string>(), new HashSet<string>());

    /// <summary>The facts of the session's fund.</summary>
    public static async Task<LoanBookFundFacts> LoadAsync(IQuerySession session, CancellationToken ct)
    {
        var cooperatives = await session.Query<CooperativeDetails>().Select(c => new { c.TaxCode, c.Members }).ToListAsync(ct);
        var contracts = await session.Query<LoanDetails>().Where(l => l.ContractNumber != null).Select(l => l.ContractNumber!).ToListAsync(ct);
        var booked = await session.Query<LoanBookImport>().Where(i => i.State == LoanBookImportState.Booked).Select(i => i.Sha256).ToListAsync(ct);
        return new LoanBookFundFacts(
            cooperatives.GroupBy(c => c.TaxCode).ToDictionary(g => g.Key, g => new FundCooperative(g.Key,
                g.SelectMany(c => c.Members).Where(m => m.NationalId != null).Select(m => m.NationalId!).ToHashSet(),
                g.SelectMany(c => c.Members).Where(m => m.OrganisationTaxCode != null).Select(m => m.OrganisationTaxCode!).ToHashSet())),
            contracts.ToHashSet(), booked.ToHashSet());
    }
}
