using Marten;

namespace HtxFund.Infrastructure.Database;

/// <summary>PostgreSQL transaction-scoped advisory locks (<c>pg_advisory_xact_lock</c>) on a name: held from the call to
/// the end of the session's transaction, on every node, so that the commands that take the same name run one after the
/// other. The one home of the lock statement and of the name's key.</summary>
public static class AdvisoryLocks
{
    /// <summary>A stable 64-bit key for a namespaced name (FNV-1a of its UTF-8 bytes).</summary>
    public static long Key(string name)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(name))
        {
            hash ^= b;
            hash *= 1099511628211UL;
        }
        return unchecked((long)hash);
    }

    /// <summary>Takes the lock of <paramref name="name"/> in the transaction the session runs in (it must have begun one).</summary>
    public static async Task HoldAsync(IDocumentSession session, string name, CancellationToken ct) =>
        await session.AdvancedSql.QueryAsync<int>("select 1 from (select pg_advisory_xact_lock(?)) as locked", ct, Key(name));
}
