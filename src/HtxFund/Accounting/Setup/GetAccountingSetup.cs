using HtxFund.Lending.Accounting;
using Marten;
using Microsoft.AspNetCore.Authorization;
using NodaTime;
using Wolverine.Http;

namespace HtxFund.Accounting.Setup;

/// <summary>The accounts the fund's journal has lines on (they can be neither removed nor given another kind).</summary>
public sealed record AccountsInUse(IReadOnlySet<string> Numbers)
{
    public static async Task<AccountsInUse> LoadAsync(IQuerySession session, CancellationToken ct) =>
        new((await session.Query<JournalLine>().Select(l => l.Account).Distinct().ToListAsync(ct)).ToHashSet(StringComparer.Ordinal));
}

/// <summary>A version of the setup: its chart (by number) and mapping (in the order of <see cref="PostingKind"/>), who
/// adopted it, when and why (null for version 1, the defaults), and which accounts the journal already used.</summary>
public sealed record AccountingSetupView(int Version, IReadOnlyList<LedgerAccount> Chart, IReadOnlyList<PostingRule> Mapping, string? AdoptedBy,
    Instant? AdoptedAt, string? Reason, IReadOnlyList<string> AccountsInUse)
{
    public static AccountingSetupView Of(AccountingSetupAdopted e, AccountsInUse used) =>
        Of(new AccountingSetup(e.Version, e.Chart, e.Mapping), e, used);

    public static AccountingSetupView Of(AccountingSetup setup, AccountingSetupAdopted? adopted, AccountsInUse used) =>
        new(setup.Version, setup.Chart.Accounts.OrderBy(a => a.Number, StringComparer.Ordinal).ToArray(),
            setup.Mapping.Rules.OrderBy(r => r.Kind).ToArray(), adopted?.By.UserName, adopted?.At, adopted?.Reason,
            used.Numbers.Order(StringComparer.Ordinal).ToArray());
}

/// <summary>One version in the history: version 1 is the defaults (Circular 99/2025/TT-BTC), adopted by no one.</summary>
public sealed record AccountingSetupVersion(int Version, string? AdoptedBy, Instant? AdoptedAt, string? Reason, int Accounts);

public static class GetAccountingSetupEndpoint
{
    /// <summary>Every version adopted on the fund's books stream, oldest first.</summary>
    public static async Task<IReadOnlyList<AccountingSetupAdopted>> AdoptedAsync(IQuerySession session, CancellationToken ct) =>
        (await session.Events.FetchStreamAsync(FundBooks.StreamId, token: ct)).Select(e => e.Data).OfType<AccountingSetupAdopted>().ToArray();

    public static async Task<AccountingSetupView> CurrentAsync(IQuerySession session, CancellationToken ct)
    {
        var books = await session.LoadAsync<FundBooks>(FundBooks.StreamId, ct) ?? new FundBooks();
        var adopted = (await AdoptedAsync(session, ct)).LastOrDefault(e => e.Version == books.Setup.Version);
        return AccountingSetupView.Of(books.Setup, adopted, await AccountsInUse.LoadAsync(session, ct));
    }

    /// <summary>The fund's chart of accounts and mapping in force (version 1, the defaults, until the chief accountant adopts
    /// another), with who adopted it and the accounts the journal already used.</summary>
    [Authorize(Roles = FundBooks.Readers)]
    [WolverineGet("/api/accounting/setup", OperationId = "getAccountingSetup")]
    [Tags("Kế toán")]
    public static Task<AccountingSetupView> Get(IQuerySession session, CancellationToken ct) => CurrentAsync(session, ct);
}

public static class ListAccountingSetupVersionsEndpoint
{
    public static async Task<IReadOnlyList<AccountingSetupVersion>> VersionsAsync(IQuerySession session, CancellationToken ct) =>
        (await GetAccountingSetupEndpoint.AdoptedAsync(session, ct))
            .Select(e => new AccountingSetupVersion(e.Version, e.By.UserName, e.At, e.Reason, e.Chart.Accounts.Count))
            .Prepend(new AccountingSetupVersion(AccountingDefaults.Setup.Version, null, null, null, AccountingDefaults.Chart.Accounts.Count))
            .OrderByDescending(v => v.Version).ToArray();

    /// <summary>The history of the fund's accounting setup, newest first: version, who adopted it, when and why.</summary>
    [Authorize(Roles = FundBooks.Readers)]
    [WolverineGet("/api/accounting/setup/versions", OperationId = "listAccountingSetupVersions")]
    [Tags("Kế toán")]
    public static Task<IReadOnlyList<AccountingSetupVersion>> Get(IQuerySession session, CancellationToken ct) => VersionsAsync(session, ct);
}
