namespace HtxFund.Lending.Accounting;

/// <summary>The accounts one kind of movement debits and credits (tài khoản Nợ / tài khoản Có).</summary>
public sealed record PostingRule(PostingKind Kind, string Debit, string Credit);

/// <summary>The mapping of every <see cref="PostingKind"/> to its accounts.</summary>
public sealed record AccountingMapping(IReadOnlyList<PostingRule> Rules)
{
    public PostingRule For(PostingKind kind) => Rules.FirstOrDefault(r => r.Kind == kind)
        ?? throw new InvalidOperationException($"The accounting mapping has no rule for {kind}.");
}

/// <summary>One version of a fund's accounting setup: its chart and its mapping. Version 1 is
/// <see cref="AccountingDefaults.Setup"/> until the chief accountant adopts another.</summary>
public sealed record AccountingSetup(int Version, ChartOfAccounts Chart, AccountingMapping Mapping);
