using System.Security.Cryptography;
using HtxFund.Identity;
using JasperFx;
using Marten;
using NodaTime;

namespace HtxFund.Infrastructure.Http.Idempotency;

/// <summary>Makes a POST safe to retry: the first response to an <c>Idempotency-Key</c> (per fund and user) is stored and
/// replayed to every repeat; the same key with another body is 422, a repeat while the first runs is 409, 5xx answers
/// are not stored, and a key whose first request never finished is taken over after <see cref="DefaultAbandonedAfter"/>.
/// What a failure between the command and its record leaves: docs/design/idempotency.md.</summary>
public sealed class IdempotencyMiddleware(RequestDelegate next, IConfiguration configuration, ILogger<IdempotencyMiddleware> logger)
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    public const int MaxKeyLength = 100;
    public static readonly Duration DefaultAbandonedAfter = Duration.FromMinutes(2);
    private readonly Duration _abandonedAfter =
        configuration.GetValue<double?>("HtxFund:Idempotency:AbandonedAfterSeconds") is { } seconds and > 0
            ? Duration.FromSeconds(seconds)
            : DefaultAbandonedAfter;
    private const int MaxStoredBodyBytes = 1024 * 1024;
    private static readonly object RequestKeyItem = new();

    /// <summary>The request's idempotency key as this middleware stores it (fund, user and <c>Idempotency-Key</c>),
    /// or null when the request carries none. Commands whose repeat their own rules would not refuse derive the id of
    /// what they record from it (<see cref="Capital.CapitalRecording.EntryIdFor"/>).</summary>
    public static string? RequestKey(HttpContext context) => context.Items.TryGetValue(RequestKeyItem, out var key) ? key as string : null;

    public async Task Invoke(HttpContext context, IDocumentStore store, IClock clock)
    {
        if (!HttpMethods.IsPost(context.Request.Method) && !HttpMethods.IsPut(context.Request.Method))
        {
            await next(context);
            return;
        }
        var key = context.Request.Headers[Header].ToString();
        var required = context.GetEndpoint()?.Metadata.GetMetadata<RequireIdempotencyKeyAttribute>() is not null;
        if (key.Length == 0)
        {
            if (required && context.User.Identity?.IsAuthenticated == true)
            {
                await Write(context, Problems.Create(StatusCodes.Status428PreconditionRequired, "idempotency.key_required",
                    "Thiếu khóa chống trùng lặp", $"Yêu cầu này phải có tiêu đề {Header} để không bị thực hiện hai lần."));
                return;
            }
            await next(context);
            return;
        }
        if (context.User.Identity?.IsAuthenticated != true)
        {
            await next(context); // authorization answers 401 for protected endpoints; anonymous ones ignore the key
            return;
        }
        if (key.Length > MaxKeyLength || key.Any(c => c < 0x21 || c > 0x7E))
        {
            await Write(context, Problems.Validation("Idempotency-Key", "idempotency.key_invalid",
                $"Khóa {Header} phải gồm 1–{MaxKeyLength} ký tự ASCII in được, không có khoảng trắng."));
            return;
        }

        var id = $"{context.User.FindFirst(HtxClaims.Fund)?.Value}:{context.User.UserId()}:{key}";
        context.Items[RequestKeyItem] = id;
        var requestHash = await HashRequestAsync(context.Request);
        var now = clock.GetCurrentInstant();

        var reservation = await ReserveAsync(store, id, requestHash, context.Request, now, _abandonedAfter, context.RequestAborted);
        if (reservation is not null)
        {
            await Replay(context, reservation, requestHash, now);
            return;
        }

        var originalBody = context.Response.Body;
        await using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        catch
        {
            await TryReleaseAsync(store, id);
            throw;
        }
        finally
        {
            context.Response.Body = originalBody;
        }

        buffer.Position = 0;
        if (context.Response.StatusCode >= 500 || buffer.Length > MaxStoredBodyBytes)
        {
            await TryReleaseAsync(store, id);
        }
        else
        {
            await TryCompleteAsync(store, clock, context, id, requestHash, now, buffer);
        }
        await buffer.CopyToAsync(originalBody, context.RequestAborted);
    }

    /// <summary>Stores the response for replays. The command is already committed: if the database fails now, the
    /// answer is still sent (a repeat will find the key pending and take it over later, see the class summary).</summary>
    private async Task TryCompleteAsync(IDocumentStore store, IClock clock, HttpContext context, string id, string requestHash,
        Instant now, MemoryStream buffer)
    {
        try
        {
            // lost with a crash, the record leaves the key pending, and the repeat takes it over later and meets the
            // command's own uniqueness (see the class summary)
            await using var session = RecordSession(store);
            session.Store(new IdempotencyRecord
            {
                Id = id, RequestHash = requestHash, Method = context.Request.Method, Path = context.Request.Path,
                State = IdempotencyState.Completed, StatusCode = context.Response.StatusCode,
                ContentType = context.Response.ContentType, Location = context.Response.Headers.Location.ToString() is { Length: > 0 } l ? l : null,
                Body = Convert.ToBase64String(buffer.ToArray()), CreatedAt = now, CompletedAt = clock.GetCurrentInstant(),
            });
            await session.SaveChangesAsync(CancellationToken.None);
        }
        catch (Exception e) when (DatabaseFailures.Classify(e) is not null)
        {
            logger.LogWarning("Idempotency record {Id} not completed, the database failed after the command: {Message}",
                id, DatabaseFailures.Describe(e));
        }
    }

    /// <summary>Releases the key after a failure; when the database is down the key stays pending until abandoned.</summary>
    private async Task TryReleaseAsync(IDocumentStore store, string id)
    {
        try
        {
            await ReleaseAsync(store, id);
        }
        catch (Exception e) when (DatabaseFailures.Classify(e) is not null)
        {
            logger.LogWarning("Idempotency key {Id} not released, the database failed: {Message}", id, DatabaseFailures.Describe(e));
        }
    }

    /// <summary>Inserts a Pending record; returns the existing record instead when the key was already used.</summary>
    private static async Task<IdempotencyRecord?> ReserveAsync(IDocumentStore store, string id, string requestHash,
        HttpRequest request, Instant now, Duration abandonedAfter, CancellationToken ct)
    {
        var pending = new IdempotencyRecord
        {
            Id = id, RequestHash = requestHash, Method = request.Method, Path = request.Path,
            State = IdempotencyState.Pending, CreatedAt = now,
        };
        for (var attempt = 0; attempt < 2; attempt++)
        {
            try
            {
                // a command that then commits (synchronously) flushes the log up to its own commit, this record
                // included, and one lost with a crash belongs to a request that made nothing durable, so its retry is
                // rightly carried out as new
                await using var session = RecordSession(store);
                session.Insert(pending);
                await session.SaveChangesAsync(ct);
                return null;
            }
            catch (Exception e) when (IsDuplicate(e))
            {
                await using var query = store.QuerySession();
                var existing = await query.LoadAsync<IdempotencyRecord>(id, ct);
                if (existing is null) continue; // released meanwhile: try again
                if (existing.State == IdempotencyState.Pending && now - existing.CreatedAt > abandonedAfter &&
                    existing.RequestHash == requestHash)
                {
                    await ReleaseAsync(store, id); // the first attempt died: take the key over
                    continue;
                }
                return existing;
            }
        }
        return new IdempotencyRecord { Id = id, RequestHash = requestHash, Method = request.Method, Path = request.Path, State = IdempotencyState.Pending, CreatedAt = now };
    }

    /// <summary>A session for writing a record, committed without waiting for its WAL flush (the reservation and the
    /// completion: neither is essential, see the class summary and the callers).</summary>
    private static IDocumentSession RecordSession(IDocumentStore store)
    {
        var session = store.LightweightSession();
        session.QueueSqlCommand("set local synchronous_commit = off");
        return session;
    }

    private static bool IsDuplicate(Exception e) =>
        e is DocumentAlreadyExistsException ||
        e.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation } ||
        e is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation };

    private static async Task ReleaseAsync(IDocumentStore store, string id)
    {
        await using var session = store.LightweightSession();
        session.Delete<IdempotencyRecord>(id);
        await session.SaveChangesAsync(CancellationToken.None);
    }

    private static async Task Replay(HttpContext context, IdempotencyRecord record, string requestHash, Instant now)
    {
        if (record.RequestHash != requestHash)
        {
            await Write(context, Problems.Unprocessable("idempotency.key_reused",
                $"Khóa {Header} này đã được dùng cho một yêu cầu khác. Hãy dùng khóa mới cho mỗi yêu cầu mới."));
            return;
        }
        if (record.State == IdempotencyState.Pending)
        {
            context.Response.Headers.RetryAfter = "1";
            await Write(context, Problems.Conflict("idempotency.in_progress",
                "Yêu cầu với khóa này đang được xử lý. Vui lòng thử lại sau giây lát."));
            return;
        }
        context.Response.StatusCode = record.StatusCode;
        if (record.ContentType is not null) context.Response.ContentType = record.ContentType;
        if (record.Location is not null) context.Response.Headers.Location = record.Location;
        context.Response.Headers[ReplayedHeader] = "true";
        await context.Response.Body.WriteAsync(Convert.FromBase64String(record.Body ?? ""), context.RequestAborted);
    }

    private static async Task<string> HashRequestAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(System.Text.Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n"));
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, request.HttpContext.RequestAborted)) > 0) sha.AppendData(buffer, 0, read);
        request.Body.Position = 0;
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private static Task Write(HttpContext context, Microsoft.AspNetCore.Mvc.ProblemDetails problem) =>
        Results.Problem(problem).ExecuteAsync(context);
}
