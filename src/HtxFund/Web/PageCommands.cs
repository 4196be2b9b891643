using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using HtxFund.Infrastructure.Http.Idempotency;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.Options;

namespace HtxFund.Web;

/// <summary>
/// The application's whole request pipeline (authentication, session check, authorization, antiforgery, the edge
/// guards, idempotency, then Wolverine's endpoint with its validation, aggregate loading, decision, append and
/// commit), captured when the app is built, so that a page's form post sends the same command to the same endpoint
/// as an API client does (<see cref="PageCommands"/>).
/// </summary>
public sealed class ApplicationPipeline
{
    private RequestDelegate? _entry;

    public RequestDelegate Entry => _entry ?? throw new InvalidOperationException("The request pipeline is not built yet.");

    /// <summary>The first middleware of the app: it only remembers the rest of the pipeline.</summary>
    public static WebApplication CaptureRequestPipeline(WebApplication app)
    {
        var pipeline = app.Services.GetRequiredService<ApplicationPipeline>();
        app.Use(next =>
        {
            pipeline._entry = next;
            return next;
        });
        return app;
    }
}

/// <summary>What an endpoint answered a page's command: its status, headers and JSON body (a ProblemDetails when refused).</summary>
public sealed record PageCommandResult(int Status, IHeaderDictionary Headers, JsonElement? Body, ProblemDetails? Refusal)
{
    public bool Succeeded => Refusal is null;

    public T? Value<T>(JsonSerializerOptions options) => Body is { } body ? body.Deserialize<T>(options) : default;
}

/// <summary>
/// Sends a page's command through the application's pipeline as a request of the signed-in user (the same cookie or
/// bearer token, the antiforgery token the page post carried, and the <c>Idempotency-Key</c> generated with the form by
/// <see cref="IdempotencyKeyTagHelper"/>), and reads the answer. The endpoint, not the page, loads, decides and
/// commits; the page only shows the result or puts the refusal next to its fields.
/// </summary>
public sealed class PageCommands(ApplicationPipeline pipeline, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
{
    /// <summary>The form field holding the key generated when the form was rendered.</summary>
    public const string IdempotencyField = "__IdempotencyKey";

    public JsonSerializerOptions JsonOptions => json.Value.SerializerOptions;

    private static readonly object SentByPageItem = new();

    /// <summary>True for a request a page sent on behalf of its own request (which the edge limits already counted).</summary>
    public static bool IsSentByPage(HttpContext context) => context.Items.ContainsKey(SentByPageItem);

    public Task<PageCommandResult> SendAsync(HttpContext page, HttpMethod method, string path, object? command,
        CancellationToken ct) =>
        SendBodyAsync(page, method, path,
            command is null ? null : (JsonSerializer.SerializeToUtf8Bytes(command, command.GetType(), JsonOptions), "application/json; charset=utf-8"), ct);

    /// <summary>Sends a multipart form (an upload): the page's <paramref name="fields"/> and <paramref name="file"/> as the
    /// API takes them. The boundary is derived from the form's <c>Idempotency-Key</c>, so a resubmitted form is the same
    /// request byte for byte and is answered once.</summary>
    public async Task<PageCommandResult> SendFormAsync(HttpContext page, string path, IEnumerable<KeyValuePair<string, string?>> fields,
        string fileField, IFormFile? file, CancellationToken ct)
    {
        var form = await page.Request.ReadFormAsync(ct);
        var key = form[IdempotencyField] is { Count: > 0 } k && !string.IsNullOrWhiteSpace(k) ? k.ToString() : Guid.NewGuid().ToString("N");
        using var content = new MultipartFormDataContent(
            "htxfund-form-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..32]);
        foreach (var (name, value) in fields) content.Add(new StringContent(value ?? ""), name);
        if (file is not null)
        {
            var bytes = new MemoryStream();
            await file.CopyToAsync(bytes, ct);
            var part = new ByteArrayContent(bytes.ToArray());
            part.Headers.ContentType = MediaTypeHeaderValue.TryParse(file.ContentType, out var type) ? type : new MediaTypeHeaderValue("application/octet-stream");
            content.Add(part, fileField, file.FileName);
        }
        var body = await content.ReadAsByteArrayAsync(ct);
        return await SendBodyAsync(page, HttpMethod.Post, path, (body, content.Headers.ContentType!.ToString()), ct);
    }

    private async Task<PageCommandResult> SendBodyAsync(HttpContext page, HttpMethod method, string path, (byte[] Bytes, string ContentType)? sent,
        CancellationToken ct)
    {
        var requestBody = sent is { } b ? new MemoryStream(b.Bytes) : Stream.Null;
        var headers = new HeaderDictionary
        {
            ["Host"] = page.Request.Host.Value ?? "localhost",
            ["Accept"] = "application/json",
        };
        if (page.Request.Headers.Cookie is { Count: > 0 } cookies) headers["Cookie"] = cookies;
        // a page reached with a bearer token (an API client's session) sends its command with the same token
        if (page.Request.Headers.Authorization is { Count: > 0 } authorization) headers["Authorization"] = authorization;
        if (page.Request.HasFormContentType)
        {
            var form = await page.Request.ReadFormAsync(ct);
            if (form["__RequestVerificationToken"] is { Count: > 0 } token) headers[Identity.IdentitySetup.AntiforgeryHeader] = token;
            if (form[IdempotencyField] is { Count: > 0 } key && !string.IsNullOrWhiteSpace(key)) headers[IdempotencyMiddleware.Header] = key;
        }
        if (sent is { } content)
        {
            headers["Content-Type"] = content.ContentType;
            headers.ContentLength = requestBody.Length;
        }
        var responseBody = new MemoryStream();
        var features = new FeatureCollection();
        var query = path.IndexOf('?');
        features.Set<IHttpRequestFeature>(new HttpRequestFeature
        {
            Method = method.Method, Scheme = page.Request.Scheme, Protocol = page.Request.Protocol, PathBase = "",
            Path = query < 0 ? path : path[..query], QueryString = query < 0 ? "" : path[query..], Headers = headers,
            Body = requestBody, RawTarget = path,
        });
        var response = new HttpResponseFeature();
        features.Set<IHttpResponseFeature>(response);
        features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(responseBody));
        if (page.Features.Get<IHttpConnectionFeature>() is { } connection) features.Set(connection);
        features.Set<IHttpRequestLifetimeFeature>(new HttpRequestLifetimeFeature { RequestAborted = ct });
        await using var scope = page.RequestServices.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        features.Set<IServiceProvidersFeature>(new ServiceProvidersFeature { RequestServices = scope.ServiceProvider });
        var context = new DefaultHttpContext(features);
        context.Items[SentByPageItem] = true;
        await pipeline.Entry(context);
        var status = response.StatusCode;
        // A cookie the endpoint sets or removes (signing in or out) is the page's answer's too.
        foreach (var cookie in response.Headers.SetCookie) page.Response.Headers.Append("Set-Cookie", cookie);
        JsonElement? body = null;
        if (responseBody.Length > 0 && context.Response.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true)
            body = JsonDocument.Parse(responseBody.ToArray()).RootElement.Clone();
        ProblemDetails? refusal = null;
        if (status >= 400)
        {
            refusal = body is { } problem ? problem.Deserialize<ProblemDetails>(JsonOptions) : null;
            refusal ??= new ProblemDetails { Status = status };
            refusal.Status ??= status;
        }
        return new PageCommandResult(status, response.Headers, body, refusal);
    }
}

/// <summary>Every post form gets a fresh <c>Idempotency-Key</c> when it is rendered: a double click or a browser's
/// resubmission of the same form is answered once, exactly as the API answers a client that retries with its key.</summary>
[HtmlTargetElement("form", Attributes = "method")]
public sealed class IdempotencyKeyTagHelper : TagHelper
{
    public string? Method { get; set; }

    public override int Order => 1000;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.Attributes.SetAttribute("method", Method);
        if (!string.Equals(Method, "post", StringComparison.OrdinalIgnoreCase)) return;
        output.PostContent.AppendHtml(
            $"<input type=\"hidden\" name=\"{PageCommands.IdempotencyField}\" value=\"{Guid.CreateVersion7():N}\" />");
    }
}
