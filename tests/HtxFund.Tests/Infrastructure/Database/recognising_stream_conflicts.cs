using HtxFund.Infrastructure.Database;
using JasperFx;
using JasperFx.Events;
using Npgsql;
using Shouldly;

namespace HtxFund.Tests.Infrastructure.Database;

/// <summary>What counts as an append that lost a race for its stream (answered 409 over HTTP, decided again by a
/// handler's retry): nothing else may be taken for one.</summary>
public sealed class recognising_stream_conflicts
{
    private static PostgresException UniqueViolation(string message) =>
        new(message, "ERROR", "ERROR", PostgresErrorCodes.UniqueViolation);

    public static TheoryData<string, Exception> Conflicts() => new()
    {
        { "a stream version that moved", new ConcurrencyException(typeof(object), Guid.NewGuid()) },
        { "two commands starting the same stream", new ExistingStreamIdCollisionException(Guid.NewGuid(), typeof(object)) },
        { "two appends taking the same next version",
            UniqueViolation("duplicate key value violates unique constraint \"pk_mt_events_stream_and_version\"") },
    };

    [Theory]
    [MemberData(nameof(Conflicts))]
    public void a_lost_race_for_a_stream_is_a_conflict_alone_or_wrapped(string _, Exception conflict)
    {
        StreamConflicts.IsConflict(conflict).ShouldBeTrue();
        StreamConflicts.IsConflict(new InvalidOperationException("wrapped", new AggregateException(conflict))).ShouldBeTrue();
    }

    [Fact]
    public void another_unique_key_or_any_other_failure_is_not_a_stream_conflict()
    {
        StreamConflicts.IsConflict(UniqueViolation("duplicate key value violates unique constraint \"mt_doc_bookedbankreference_pkey\"")).ShouldBeFalse();
        StreamConflicts.IsConflict(new InvalidOperationException("boom")).ShouldBeFalse();
        StreamConflicts.IsConflict(null).ShouldBeFalse();
    }
}
