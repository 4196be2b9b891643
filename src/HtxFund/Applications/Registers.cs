using HtxFund.Identity;
using HtxFund.Infrastructure.Database;
using Marten;
using NodaTime;
using Weasel.Postgresql.Tables;

namespace HtxFund.Applications;

/// <summary>
/// One of the fund's yearly registers (sổ đăng ký): numbers run from 1 each calendar year, per fund.
/// <see cref="HighestIssuedSql"/> finds the highest number issued in a fund and year before the register held a row
/// for them (numbers issued by earlier versions, or written by the portfolio seeder); its parameters are the tenant id
/// and the year, and it returns null when none was issued.
/// </summary>
public sealed record Register(string Key, string Description, Func<int, long, string> Format, string HighestIssuedSql);

/// <summary>
/// The fund's registers of numbers: decisions to lend (<c>12/QĐ-QHTX</c>), notices of refusal (<c>5/TB-QHTX</c>) and
/// the loan files received (<c>HS-2026-00042</c>). A number is taken inside the transaction of the command that uses it
/// (<see cref="NextAsync"/>): a counter row per fund, register and year in <c>htxfund.number_registers</c>, incremented
/// with an upsert that locks the row until the command commits or rolls back. Simultaneous commands therefore take
/// consecutive numbers one after the other instead of colliding, and a command that fails after taking a number gives
/// it back (its transaction rolls back with the counter).
/// </summary>
public static class Registers
{
    public const string Table = "number_registers";
    private static readonly string Qualified = $"{Persistence.Schema}.{Table}";
    private static readonly string Details = $"{Persistence.Schema}.mt_doc_applicationdetails";

    public static readonly Register DecisionsToLend = new("decision_to_lend", "Quyết định cho vay", (_, n) => $"{n}/QĐ-QHTX",
        $"""
         select max(split_part(d.data -> 'decision' ->> 'decisionNumber', '/', 1)::bigint) from {Details} d
         where d.tenant_id = ? and (d.data ->> 'decisionYear')::int = ? and d.data -> 'decision' ->> 'decisionNumber' ~ '^[0-9]+/QĐ-QHTX$'
         """);

    public static readonly Register RefusalNotices = new("refusal_notice", "Thông báo từ chối cho vay", (_, n) => $"{n}/TB-QHTX",
        $"""
         select max(split_part(d.data -> 'decision' ->> 'decisionNumber', '/', 1)::bigint) from {Details} d
         where d.tenant_id = ? and (d.data ->> 'decisionYear')::int = ? and d.data -> 'decision' ->> 'decisionNumber' ~ '^[0-9]+/TB-QHTX$'
         """);

    public static readonly Register ApplicationFiles = new("application_file", "Hồ sơ đề nghị vay vốn", (year, n) => $"HS-{year}-{n:00000}",
        $"""
         select max(split_part(d.data ->> 'applicationNumber', '-', 3)::bigint) from {Details} d
         where d.tenant_id = ? and split_part(d.data ->> 'applicationNumber', '-', 2) = ?::text and d.data ->> 'applicationNumber' ~ '^HS-[0-9]+-[0-9]+$'
         """);

    public static StoreOptions ConfigureRegisters(this StoreOptions opts)
    {
        var table = new Table(Qualified);
        table.AddColumn<string>("tenant_id").AsPrimaryKey();
        table.AddColumn<string>("register").AsPrimaryKey();
        table.AddColumn<int>("year").AsPrimaryKey();
        table.AddColumn<long>("last_number").NotNull();
        table.AddColumn("updated_at", "timestamp with time zone").NotNull().DefaultValueByExpression("now()");
        opts.Storage.ExtendedSchemaObjects.Add(table);
        return opts;
    }

    /// <summary>
    /// Takes the next number of <paramref name="register"/> for the session's fund in <paramref name="year"/>, in the
    /// session's transaction (begun here if the session has none). Call it after every check that may refuse the
    /// command, just before appending: the counter row stays locked until the session commits. The first number of a
    /// fund and year follows the highest one issued before the register held a row for them.
    /// </summary>
    public static async Task<string> NextAsync(IDocumentSession session, Register register, int year, CancellationToken ct)
    {
        await session.BeginTransactionAsync(ct);
        var tenant = session.TenantId;
        var taken = await session.AdvancedSql.QueryAsync<long>(
            $"update {Qualified} set last_number = last_number + 1, updated_at = now() where tenant_id = ? and register = ? and year = ? returning last_number",
            ct, tenant, register.Key, year);
        if (taken.Count == 0)
        {
            // First number of the fund, register and year: start after what was issued before, or take the next one if a
            // simultaneous command created the row first (the upsert then waits for it and increments its number).
            taken = await session.AdvancedSql.QueryAsync<long>(
                $"""
                 insert into {Qualified} as r (tenant_id, register, year, last_number)
                 select ?, ?, ?, coalesce(({register.HighestIssuedSql}), 0) + 1
                 on conflict (tenant_id, register, year) do update set last_number = r.last_number + 1, updated_at = now()
                 returning last_number
                 """,
                ct, tenant, register.Key, year, tenant, year);
        }
        return register.Format(year, taken.Single());
    }

    /// <summary>Makes the register continue after <paramref name="highest"/> (a number already issued outside it, e.g. by
    /// the portfolio seeder); a register already further on is left as it is.</summary>
    public static async Task CatchUpAsync(IDocumentSession session, Register register, int year, long highest, CancellationToken ct)
    {
        await session.BeginTransactionAsync(ct);
        await session.AdvancedSql.QueryAsync<long>(
            $"""
             insert into {Qualified} as r (tenant_id, register, year, last_number) values (?, ?, ?, ?)
             on conflict (tenant_id, register, year) do update set last_number = greatest(r.last_number, excluded.last_number), updated_at = now()
             returning last_number
             """,
            ct, session.TenantId, register.Key, year, highest);
    }

    /// <summary>
    /// The numbers a command takes for <paramref name="application"/>, in its own transaction: the file's number in the
    /// register of loan files when it has none (its first submission, or a file submitted before files were numbered),
    /// and the next number of <paramref name="decisions"/> when the command records a decision. A command's
    /// <c>Before</c> step calls it once every check that may refuse has passed, and hands the numbers to its decision.
    /// </summary>
    public static async Task<TakenNumbers> TakeAsync(IDocumentSession session, LoanApplication application, Register? decisions,
        LocalDate today, CancellationToken ct) =>
        new(application.Number is null ? await NextAsync(session, ApplicationFiles, today.Year, ct) : null,
            decisions is null ? null : await NextAsync(session, decisions, today.Year, ct));

    /// <summary>The file's number, when it has none yet (<see cref="TakeAsync"/> without a decision).</summary>
    public static Task<TakenNumbers> FileNumberAsync(IDocumentSession session, LoanApplication? application, LocalDate today,
        CancellationToken ct) =>
        application is null ? Task.FromResult(TakenNumbers.None) : TakeAsync(session, application, decisions: null, today, ct);
}

/// <summary>The numbers a command took from the fund's registers (<see cref="Registers.TakeAsync"/>): the file's, when it
/// had none, and the decision's, when it records one.</summary>
public sealed record TakenNumbers(string? File, string? Decision)
{
    public static readonly TakenNumbers None = new(null, null);

    /// <summary>The entry of the file in the register of loan files (<see cref="ApplicationNumbered"/>), when it took its
    /// number now; nothing otherwise.</summary>
    public object[] Numbered(Guid applicationId, Actor by, Instant at) =>
        File is { } number ? [new ApplicationNumbered(applicationId, number, by, at)] : [];
}
