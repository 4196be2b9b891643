using System.Net.Sockets;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace HtxFund.Infrastructure.Http;

/// <summary>
/// Failures of the database itself (not of the request): PostgreSQL restarting or unreachable, connections cut, the
/// pool timing out, no disk space left, or the transaction chosen to end a deadlock (or a serialization failure) between
/// concurrent writers, which PostgreSQL rolled back whole. They are answered 503 with a stable code, a Vietnamese message and
/// <c>Retry-After</c>, never a 500: nothing was acknowledged, and the same request may be sent again with the same
/// <c>Idempotency-Key</c> once the database is back (the app reconnects by itself).
/// </summary>
public static class DatabaseFailures
{
    public const string UnavailableCode = "database.unavailable";
    public const string StorageFullCode = "database.storage_full";
    public const string BusyCode = "database.busy";

    public enum Kind { Unavailable, StorageFull, Busy }

    /// <summary>The database failure behind <paramref name="exception"/> (searched through inner exceptions), or null
    /// when it is something else (a bug, a constraint, a refused request).</summary>
    public static Kind? Classify(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException pg:
                    return pg.SqlState switch
                    {
                        PostgresErrorCodes.DiskFull => Kind.StorageFull,
                        // PostgreSQL rolled this transaction back to let a concurrent one go on: nothing of it was
                        // written, and the same request succeeds when sent again.
                        PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure
                            or PostgresErrorCodes.LockNotAvailable => Kind.Busy,
                        // A new server process cannot write its relation cache file: the disk is full (seen in
                        // ops/chaos disk-full whenever the pool opens a connection then).
                        PostgresErrorCodes.InternalError when pg.MessageText.StartsWith("could not write init file", StringComparison.Ordinal)
                            => Kind.StorageFull,
                        // FATAL or PANIC ends the server process serving the connection: nothing of the request is done.
                        _ when pg.InvariantSeverity is "FATAL" or "PANIC" => Kind.Unavailable,
                        // 53xxx insufficient resources (out of memory, too many connections), 08xxx connection
                        // exceptions, 57P01-57P03 shutting down / crashed / cannot connect now, 58xxx system I/O errors
                        var s when s.StartsWith("53", StringComparison.Ordinal) || s.StartsWith("08", StringComparison.Ordinal)
                                   || s is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown
                                       or PostgresErrorCodes.CannotConnectNow
                                   || s.StartsWith("58", StringComparison.Ordinal) => Kind.Unavailable,
                        _ => null,
                    };
                case NpgsqlException:
                    // Not a server error: the connection broke, could not be opened, or the pool timed out.
                    return Kind.Unavailable;
            }
            if (e is AggregateException { InnerExceptions.Count: > 0 } aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions)
                    if (Classify(inner) is { } kind) return kind;
                return null;
            }
        }
        return null;
    }

    public static ProblemDetails Problem(Kind kind) => kind switch
    {
        Kind.StorageFull => Problems.Create(StatusCodes.Status503ServiceUnavailable, StorageFullCode, "Cơ sở dữ liệu hết dung lượng",
            "Máy chủ cơ sở dữ liệu đã hết dung lượng đĩa nên yêu cầu này chưa được ghi. Dữ liệu đã ghi trước đó vẫn nguyên vẹn. " +
            "Vui lòng báo quản trị viên và thử lại sau với cùng khóa chống trùng lặp."),
        Kind.Busy => Problems.Create(StatusCodes.Status503ServiceUnavailable, BusyCode, "Cơ sở dữ liệu đang bận",
            "Yêu cầu này trùng thời điểm với một yêu cầu khác ghi cùng dữ liệu nên chưa được ghi, không có gì thay đổi. " +
            "Vui lòng thử lại sau ít giây với cùng khóa chống trùng lặp (Idempotency-Key)."),
        _ => Problems.Create(StatusCodes.Status503ServiceUnavailable, UnavailableCode, "Cơ sở dữ liệu tạm thời không truy cập được",
            "Không kết nối được cơ sở dữ liệu nên yêu cầu này có thể chưa được thực hiện. " +
            "Vui lòng thử lại sau ít giây với cùng khóa chống trùng lặp (Idempotency-Key)."),
    };

    /// <summary>Seconds a client should wait before retrying, for the problems built by <see cref="Problem"/>; otherwise null.</summary>
    public static int? RetryAfterSeconds(ProblemDetails problem) =>
        problem.Extensions.TryGetValue("code", out var code) ? code switch
        {
            UnavailableCode => 5,
            StorageFullCode => 30,
            BusyCode => 1,
            _ => null,
        } : null;

    /// <summary>The innermost database message, for one log line.</summary>
    public static string Describe(Exception exception)
    {
        var message = exception.Message;
        for (var e = exception; e is not null; e = e.InnerException)
            if (e is NpgsqlException or SocketException or TimeoutException) message = $"{e.GetType().Name}: {e.Message}";
        return message;
    }
}
