using System.Net.Sockets;
using HtxFund.Infrastructure.Http;
using Npgsql;

namespace HtxFund.Tests.Infrastructure.Http;

/// <summary>Which exceptions are the database's failures (503 with Retry-After) rather than bugs (500) or refusals.
/// End to end: Infrastructure/Reliability (PostgreSQL restarted, disk full).</summary>
public sealed class answering_database_failures
{
    private static PostgresException Server(string sqlState) => new("message", "ERROR", "ERROR", sqlState);

    [Theory]
    [InlineData("57P01")] // admin_shutdown: the server is stopping
    [InlineData("57P03")] // cannot_connect_now: the server is starting
    [InlineData("08006")] // connection_failure
    [InlineData("53300")] // too_many_connections
    public void a_server_going_down_or_out_of_connections_is_database_unavailable(string sqlState) =>
        DatabaseFailures.Classify(Server(sqlState)).ShouldBe(DatabaseFailures.Kind.Unavailable);

    [Fact]
    public void a_full_disk_is_storage_full_even_inside_another_exception() =>
        DatabaseFailures.Classify(new InvalidOperationException("Marten", Server(PostgresErrorCodes.DiskFull)))
            .ShouldBe(DatabaseFailures.Kind.StorageFull);

    [Fact]
    public void a_new_connection_that_cannot_write_its_cache_file_on_a_full_disk_is_storage_full() =>
        DatabaseFailures.Classify(new PostgresException("could not write init file", "FATAL", "FATAL", PostgresErrorCodes.InternalError))
            .ShouldBe(DatabaseFailures.Kind.StorageFull);

    [Fact]
    public void any_fatal_error_that_ends_the_server_process_is_database_unavailable() =>
        DatabaseFailures.Classify(new PostgresException("could not open relation mapping file", "FATAL", "FATAL", "XX000"))
            .ShouldBe(DatabaseFailures.Kind.Unavailable);

    [Theory]
    [InlineData("40P01")] // deadlock_detected: PostgreSQL rolled this transaction back to end a deadlock
    [InlineData("40001")] // serialization_failure
    [InlineData("55P03")] // lock_not_available
    public void a_transaction_rolled_back_for_a_concurrent_writer_is_database_busy_even_inside_marten_s_exception(string sqlState) =>
        DatabaseFailures.Classify(new Marten.Exceptions.MartenCommandException(new NpgsqlCommand("select 1"), Server(sqlState)))
            .ShouldBe(DatabaseFailures.Kind.Busy);

    [Fact]
    public void a_broken_connection_is_database_unavailable() =>
        DatabaseFailures.Classify(new NpgsqlException("Exception while reading from stream", new SocketException(104)))
            .ShouldBe(DatabaseFailures.Kind.Unavailable);

    [Theory]
    [InlineData("23505")] // unique_violation: a conflict, answered 409 elsewhere
    [InlineData("42P01")] // undefined_table: a bug or a missing migration, a 500
    public void other_server_errors_are_not_database_failures(string sqlState) =>
        DatabaseFailures.Classify(Server(sqlState)).ShouldBeNull();

    [Fact]
    public void exceptions_without_a_database_cause_are_not_database_failures() =>
        DatabaseFailures.Classify(new TimeoutException("SMTP")).ShouldBeNull();

    [Theory]
    [InlineData(DatabaseFailures.Kind.Unavailable, DatabaseFailures.UnavailableCode, 5)]
    [InlineData(DatabaseFailures.Kind.StorageFull, DatabaseFailures.StorageFullCode, 30)]
    [InlineData(DatabaseFailures.Kind.Busy, DatabaseFailures.BusyCode, 1)]
    public void the_answer_is_503_with_a_stable_code_a_vietnamese_message_and_a_retry_delay(DatabaseFailures.Kind kind, string code, int retryAfter)
    {
        var problem = DatabaseFailures.Problem(kind);
        problem.Status.ShouldBe(503);
        problem.Extensions["code"].ShouldBe(code);
        problem.Title.ShouldNotBeNullOrEmpty();
        problem.Detail!.ShouldContain("thử lại");
        DatabaseFailures.RetryAfterSeconds(problem).ShouldBe(retryAfter);
    }
}
