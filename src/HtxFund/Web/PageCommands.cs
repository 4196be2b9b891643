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

/// <summary>What an endpoint answered a page's command: its status and JSON body (a ProblemDetails when refused).</summary>
public sealed record PageCommandResult(int Status, JsonElement? Body, ProblemDetails? Refusal)
{
    public bool Succeeded => Refusal is null;

    public T? Value<T>(JsonSerializerOptions options) => Body is { } body ? body.Deserialize<T>(options) : default;
}

/// <summary>
/// Sends a page's command through the application's pipeline as a request of the signed-in user (the same cookie, the
/// antiforgery token the page post carried, and the <c>Idempotency-Key</c> generated with the form by
/// <see cref="IdempotencyKeyTagHelper"/>), and reads the answer. The endpoint, not the page, loads, decides and
/// commits; the page only shows the result or puts the refusal next to its fields.
/// </summary>
public sealed class PageCommands(ApplicationPipeline pipeline, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
{
    /// <summary>The form field holding the key generated when the form was rendered.</summary>
    public const string IdempotencyField = "__IdempotencyKey";

    public JsonSerializerOptions JsonOptions => json.Value.SerializerOptions;

    public Task<PageCommandResult> SendAsync(HttpContext page, HttpMethod method, string path, object? command, CancellationToken ct) =>
        SendAsync(page, method, path,
            command is null ? null : new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(command, command.GetType(), JsonOptions))
            {
                Headers = { ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" } },
            }, ct);

    /// <summary>Sends <paramref name="content"/> as it is (e.g. the multipart form of an upload, as the API reads it).</summary>
    public async Task<PageCommandResult> SendAsync(HttpContext page, HttpMethod method, string path, HttpContent? content, CancellationToken ct)
    {
        var requestBody = content is null ? Stream.Null : new MemoryStream(await content.ReadAsByteArrayAsync(ct));
        var headers = new HeaderDictionary
        {
            ["Host"] = page.Request.Host.Value ?? "localhost",
            ["Accept"] = "application/json",
        };
        if (page.Request.Headers.Cookie is { Count: > 0 } cookies) headers["Cookie"] = cookies;
        // a page signed in with a bearer token (an API client driving the pages) sends its command with the same credential
        if (page.Request.Headers.Authorization is { Count: > 0 } authorization) headers["Authorization"] = authorization;
        if (page.Request.HasFormContentType)
        {
            var form = await page.Request.ReadFormAsync(ct);
            if (form["__RequestVerificationToken"] is { Count: > 0 } token) headers[Identity.IdentitySetup.AntiforgeryHeader] = token;
            if (form[IdempotencyField] is { Count: > 0 } key && !string.IsNullOrWhiteSpace(key)) headers[IdempotencyMiddleware.Header] = key;
        }
        if (content is not null)
        {
            headers["Content-Type"] = content.Headers.ContentType?.ToString();
            headers.ContentLength = requestBody.Length;
        }
        var responseBody = new MemoryStream();
        var features = new FeatureCollection();
        features.Set<IHttpRequestFeature>(new HttpRequestFeature
        {
            Method = method.Method, Scheme = page.Request.Scheme, Protocol = page.Request.Protocol, PathBase = "",
            Path = path, QueryString = "", Headers = headers, Body = requestBody, RawTarget = path,
        });
        var response = new HttpResponseFeature();
        features.Set<IHttpResponseFeature>(response);
        features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(responseBody));
        if (page.Features.Get<IHttpConnectionFeature>() is { } connection) features.Set(connection);
        features.Set<IHttpRequestLifetimeFeature>(new HttpRequestLifetimeFeature { RequestAborted = ct });
        await using var scope = page.RequestServices.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        features.Set<IServiceProvidersFeature>(new ServiceProvidersFeature { RequestServices = scope.ServiceProvider });
        var context = new DefaultHttpContext(features);
        await pipeline.Entry(context);
        var status = response.StatusCode;
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
        return new PageCommandResult(status, body, refusal);
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
