using JasperFx;
using JasperFx.Events;
using Npgsql;

namespace HtxFund.Infrastructure.Database;

/// <summary>Recognises an append that lost a race for a stream: Marten's version check failed, two appends without an
/// expected version took the same next version (the unique key of <c>mt_events</c>), or two commands started the same
/// stream. Either way nothing was written and
/// the command may decide again from a fresh read, or answer 409.</summary>
public static class StreamConflicts
{
    public static bool IsConflict(Exception? e) => e is not null && (IsOne(e) || IsConflict(e.InnerException));

    private static bool IsOne(Exception e) =>
        e is ConcurrencyException or EventStreamUnexpectedMaxEventIdException
            or ExistingStreamIdCollisionException or Marten.Exceptions.ExistingStreamIdCollisionException ||
        e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } p && p.MessageText.Contains("pk_mt_events_stream_and_version");
}
