using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace HtxFund.Tests.Infrastructure.Reliability.Fixtures;

public enum RepaymentKind
{
    /// <summary>A good repayment with a bank reference of its own.</summary>
    Good,
    /// <summary>Value date after today: refused (400) inside the booking, after the loan was read under the lock.</summary>
    FutureValueDate,
    /// <summary>The bank reference of an earlier request under a new key: refused 409 when the earlier one was booked.</summary>
    ReusedReference,
}

/// <summary>One answer to one HTTP attempt (status 0: no answer, the connection failed or was cut).</summary>
public sealed record Answer(int Status, string? Code, bool Replayed, string? Error, bool Retry);

/// <summary>A repayment POST sent by the load: its key and body never change, so it can be retried as is.</summary>
public sealed class SentRepayment
{
    public required string Key { get; init; }
    public required Guid LoanId { get; init; }
    public required long Amount { get; init; }
    public required string ValueDate { get; init; }
    public required string Reference { get; init; }
    public required RepaymentKind Kind { get; init; }
    public ConcurrentQueue<Answer> Answers { get; } = new();

    /// <summary>The first answer that was an answer at all (2xx/4xx/5xx) to the original send, not to a retry.</summary>
    public Answer? FirstAnswer => Answers.FirstOrDefault(a => !a.Retry);
    public bool Acknowledged => Answers.Any(a => a.Status is >= 200 and < 300);
    /// <summary>Refused with 4xx and nothing else: the command was decided and must have stored nothing.</summary>
    public bool Refused => Answers.Any(a => a.Status is >= 400 and < 500 && a.Code != "idempotency.in_progress") && !Acknowledged;
    /// <summary>No decided answer yet: the connection was cut, or 5xx (the database was down).</summary>
    public bool Unresolved => !Acknowledged && !Refused;
    public string Body => JsonSerializer.Serialize(new { amount = Amount, valueDate = ValueDate, channel = "BankTransfer", bankReference = Reference });
}

/// <summary>
/// A small load driver: workers post repayments (unique Idempotency-Key each; one in ten with a future value date, one in
/// ten reusing an earlier bank reference) and, with <c>readers</c>, read loans. Every request and its answer is kept for
/// the audit. A 503 is honoured as a real client would (it pauses briefly, then goes on with new requests).
/// </summary>
public sealed class RepaymentLoad(Uri baseAddress, IReadOnlyList<Guid> loans, string valueDate, string futureDate)
{
    private readonly ConcurrentQueue<SentRepayment> _sent = new();
    private long _sequence;
    private long _reads, _readsOk, _readsUnavailable, _readsOther;
    private readonly ConcurrentDictionary<string, int> _statuses = new();
    private readonly ConcurrentQueue<string> _badAnswers = new();
    public string Token { get; set; } = "";

    public IReadOnlyCollection<SentRepayment> Sent => _sent;
    public long AcknowledgedCount => _sent.Count(s => s.Acknowledged);
    public long Unavailable503 => _statuses.GetValueOrDefault("503:" + global::HtxFund.Infrastructure.Http.DatabaseFailures.UnavailableCode)
                                  + _statuses.GetValueOrDefault("503:" + global::HtxFund.Infrastructure.Http.DatabaseFailures.StorageFullCode);
    public IReadOnlyDictionary<string, int> Statuses => _statuses;
    /// <summary>Answers that break the contract: a 5xx that is not the database's 503 ProblemDetails in Vietnamese with Retry-After.</summary>
    public IReadOnlyCollection<string> BadAnswers => _badAnswers;
    public (long Total, long Ok, long Unavailable, long Other) Reads => (_reads, _readsOk, _readsUnavailable, _readsOther);

    public static HttpClient Client(Uri baseAddress) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = 64, PooledConnectionLifetime = TimeSpan.FromSeconds(30), ConnectTimeout = TimeSpan.FromSeconds(5),
    })
    { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Runs <paramref name="writers"/> repayment workers and <paramref name="readers"/> loan readers until cancelled.</summary>
    public async Task RunAsync(int writers, int readers, CancellationToken stop)
    {
        using var http = Client(baseAddress);
        var tasks = Enumerable.Range(0, writers).Select(_ => Task.Run(() => WriteLoop(http, stop)))
            .Concat(Enumerable.Range(0, readers).Select(i => Task.Run(() => ReadLoop(http, i, stop))));
        await Task.WhenAll(tasks);
    }

    private async Task WriteLoop(HttpClient http, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var n = Interlocked.Increment(ref _sequence);
            var kind = n % 10 == 3 ? RepaymentKind.FutureValueDate : n % 10 == 7 && n > 10 ? RepaymentKind.ReusedReference : RepaymentKind.Good;
            var earlier = kind == RepaymentKind.ReusedReference ? _sent.Skip((int)Random.Shared.NextInt64(Math.Max(1, _sent.Count - 20), _sent.Count)).FirstOrDefault() : null;
            var repayment = new SentRepayment
            {
                Key = $"load-{Guid.NewGuid():N}", LoanId = earlier?.LoanId ?? loans[(int)(n % loans.Count)], Amount = 1_000 + n,
                ValueDate = kind == RepaymentKind.FutureValueDate ? futureDate : valueDate,
                Reference = earlier?.Reference ?? $"FT{n:D6}{Guid.NewGuid():N}"[..20], Kind = earlier is null && kind == RepaymentKind.ReusedReference ? RepaymentKind.Good : kind,
            };
            _sent.Enqueue(repayment);
            var answer = await PostAsync(http, repayment, retry: false, stop);
            if (answer.Status >= 500 || answer.Status == 0)
            {
                // Like a client that honours Retry-After: do not hammer a service that is down; retry once it is ready.
                if (!await WaitUntilReadyAsync(http, stop)) return;
            }
        }
    }

    private async Task ReadLoop(HttpClient http, int i, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var loan = loans[(int)((Interlocked.Increment(ref _reads) + i) % loans.Count)];
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/loans/{loan}");
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
                using var response = await http.SendAsync(request, stop);
                var status = (int)response.StatusCode;
                if (status == 200) Interlocked.Increment(ref _readsOk);
                else if (status == 503) { Interlocked.Increment(ref _readsUnavailable); await Check503(response, "GET"); }
                else { Interlocked.Increment(ref _readsOther); await Check503(response, "GET"); }
                if (status != 200 && !await WaitUntilReadyAsync(http, stop)) return;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested) { return; }
            catch (Exception)
            {
                Interlocked.Increment(ref _readsOther);
                if (!await WaitUntilReadyAsync(http, stop)) return;
            }
        }
    }

    /// <summary>After a failed answer: polls the app's readiness (every 100 ms) until it answers 200, as a client that
    /// checks the service's health before retrying; false when the load is stopped meanwhile.</summary>
    private static async Task<bool> WaitUntilReadyAsync(HttpClient http, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        try
        {
            do
            {
                try
                {
                    using var ready = await http.GetAsync("/health/ready", stop);
                    if (ready.IsSuccessStatusCode) return true;
                }
                catch (HttpRequestException) { } // the app is not listening (killed, restarting)
                catch (TaskCanceledException) when (!stop.IsCancellationRequested) { } // the probe timed out
            } while (await timer.WaitForNextTickAsync(stop));
        }
        catch (OperationCanceledException) { }
        return false;
    }

    /// <summary>Sends the repayment (again); records and returns the answer.</summary>
    public async Task<Answer> PostAsync(HttpClient http, SentRepayment repayment, bool retry, CancellationToken ct = default)
    {
        Answer answer;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/loans/{repayment.LoanId}/repayments")
            {
                Content = new StringContent(repayment.Body, System.Text.Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
            request.Headers.Add("Idempotency-Key", repayment.Key);
            // Not the stop token: a request already sent gets its answer (or its connection cut by the kill).
            using var response = await http.SendAsync(request, CancellationToken.None);
            var status = (int)response.StatusCode;
            string? code = null;
            if (status >= 400) code = await Check503(response, "POST");
            answer = new Answer(status, code, response.Headers.Contains("Idempotent-Replayed"), null, retry);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            answer = new Answer(0, null, false, $"{e.GetType().Name}: {e.InnerException?.Message ?? e.Message}", retry);
        }
        repayment.Answers.Enqueue(answer);
        _statuses.AddOrUpdate(answer.Status + (answer.Code is null ? "" : ":" + answer.Code), 1, (_, c) => c + 1);
        return answer;
    }

    /// <summary>Reads a refusal's code; any 5xx must be the database's 503 ProblemDetails (Vietnamese, stable code, Retry-After).</summary>
    private async Task<string?> Check503(HttpResponseMessage response, string method)
    {
        var status = (int)response.StatusCode;
        string? code = null, title = null;
        try
        {
            var json = await response.Content.ReadFromJsonAsync<JsonElement>();
            if (json.TryGetProperty("code", out var c)) code = c.GetString();
            if (json.TryGetProperty("title", out var t)) title = t.GetString();
        }
        catch (Exception) { /* not JSON: reported below when it matters */ }
        if (status >= 500)
        {
            var good = status == 503 && response.Content.Headers.ContentType?.MediaType == "application/problem+json"
                       && code is global::HtxFund.Infrastructure.Http.DatabaseFailures.UnavailableCode or global::HtxFund.Infrastructure.Http.DatabaseFailures.StorageFullCode
                           or global::HtxFund.Infrastructure.Http.DatabaseFailures.BusyCode
                       && title is { Length: > 0 } && title.Any(ch => ch > 127) // Vietnamese (diacritics)
                       && response.Headers.RetryAfter is not null;
            if (!good) _badAnswers.Enqueue($"{method} {status} code={code} title={title} retryAfter={response.Headers.RetryAfter}");
        }
        return code;
    }

    /// <summary>
    /// After the failure: every request without a decided answer is sent again with the same key and body until it gets
    /// one (a key left pending by a killed process is taken over once abandoned; 409 in_progress and 503 are retried).
    /// </summary>
    public async Task ResolveUnansweredAsync(TimeSpan timeout)
    {
        using var http = Client(baseAddress);
        var clock = Stopwatch.StartNew();
        var open = _sent.Where(s => s.Unresolved).ToList();
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
        while (open.Count > 0)
        {
            await Parallel.ForEachAsync(open, new ParallelOptions { MaxDegreeOfParallelism = 8 },
                async (s, ct) => await PostAsync(http, s, retry: true, ct));
            open = open.Where(s => s.Unresolved).ToList();
            if (open.Count == 0) break;
            if (clock.Elapsed > timeout)
                throw new TimeoutException($"{open.Count} requests still without a decided answer after {timeout}: " +
                                           string.Join("; ", open.Take(5).Select(s => string.Join(",", s.Answers.Select(a => a.Status + ":" + a.Code)))));
            await poll.WaitForNextTickAsync();
        }
    }

    /// <summary>Sends some acknowledged requests again with the same key: each must be replayed, not booked again.</summary>
    public async Task<int> ReplayAcknowledgedAsync(int count)
    {
        using var http = Client(baseAddress);
        var replayed = 0;
        foreach (var s in _sent.Where(s => s.Acknowledged && s.Answers.First(a => a.Status is >= 200 and < 300) is { Retry: false }).Take(count))
        {
            var answer = await PostAsync(http, s, retry: true);
            answer.Status.ShouldBe(201, $"repeat of acknowledged {s.Key}: {answer}");
            answer.Replayed.ShouldBeTrue($"repeat of acknowledged {s.Key} was executed again instead of replayed");
            replayed++;
        }
        return replayed;
    }
}
