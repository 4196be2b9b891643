using NodaTime;

namespace HtxFund.Infrastructure.Http.Idempotency;

public enum IdempotencyState
{
    /// <summary>The first request with this key is being processed.</summary>
    Pending,
    /// <summary>The first request finished; its response is replayed for repeats.</summary>
    Completed,
}

/// <summary>The first response to a POST sent with an <c>Idempotency-Key</c>, per fund, user and key.</summary>
public sealed record IdempotencyRecord
{
    /// <summary><c>{fund}:{userId}:{key}</c>.</summary>
    public required string Id { get; init; }
    public required string RequestHash { get; init; }
    public required string Method { get; init; }
    public required string Path { get; init; }
    public IdempotencyState State { get; init; }
    public int StatusCode { get; init; }
    public string? ContentType { get; init; }
    public string? Location { get; init; }
    public string? Body { get; init; }
    public Instant CreatedAt { get; init; }
    /// <summary><see cref="CreatedAt"/> as Unix seconds: queryable (Marten's LINQ does not translate NodaTime types).</summary>
    public long CreatedAtUnixSeconds => CreatedAt.ToUnixTimeSeconds();
    public Instant? CompletedAt { get; init; }
}

/// <summary>Marks an endpoint whose POST must carry an <c>Idempotency-Key</c> (money movements); others accept one.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RequireIdempotencyKeyAttribute : Attribute;
