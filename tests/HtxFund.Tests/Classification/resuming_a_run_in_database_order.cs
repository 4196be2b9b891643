using HtxFund.Classification;
using Npgsql;

namespace HtxFund.Tests.Classification;

/// <summary>The classification run's cursor compares loan ids as PostgreSQL orders uuids (the order the loan book is
/// streamed in), so a resumed run skips exactly the loans already classified.</summary>
public sealed class resuming_a_run_in_database_order(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task ids_compare_as_postgresql_sorts_them()
    {
        var ids = Enumerable.Range(0, 200).Select(i => i % 2 == 0 ? Guid.NewGuid() : Guid.CreateVersion7()).ToArray();
        await using var conn = new NpgsqlConnection(Fixture.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("select id from unnest(@ids) as t(id) order by id", conn);
        cmd.Parameters.AddWithValue("ids", ids);
        var sorted = new List<Guid>();
        await using (var reader = await cmd.ExecuteReaderAsync())
            while (await reader.ReadAsync()) sorted.Add(reader.GetGuid(0));

        ids.Order(Comparer<Guid>.Create(ClassificationRuns.CompareAsDatabase)).ShouldBe(sorted);
        var run = new ClassificationRun { LastLoanId = sorted[99] };
        sorted.Where(run.IsAfterCursor).ShouldBe(sorted.Skip(100));
    }
}
