using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace HtxFund.Infrastructure.Http;

/// <summary>
/// Guards the body of every API write endpoint before model binding, from what its endpoint metadata says it reads
/// (docs/bad-input.md):
/// <list type="bullet">
/// <item>a JSON command (its <see cref="IAcceptsMetadata"/> names a request type): the content type must be JSON
/// (<c>application/json</c>, <c>text/json</c> or <c>application/*+json</c>, UTF-8), else 415; a body over
/// <see cref="MaxJsonBytes"/> is a 413; an empty body or JSON <c>null</c> is a 400; then the body is read once by
/// <see cref="RequestJson"/>, so a body Wolverine could not bind, or that holds a null list item, is a 400 naming the
/// field, never a 500;</item>
/// <item>a form it reads itself (an upload, marked <see cref="ReadsMultipartFormAttribute"/>): left to the endpoint and
/// its limits (FormOptions, FileLimits);</item>
/// <item>nothing (neither: commands such as mark-as-read, confirm, disable, generate a report): a request that carries a
/// body is refused with 400 <c>request.body_not_allowed</c>, so no garbage is acted on.</item>
/// </list>
/// </summary>
public sealed class RequestBodyGuardMiddleware(RequestDelegate next)
{
    /// <summary>No command of the API comes near this; the idempotency store keeps answers up to the same size.</summary>
    public const long MaxJsonBytes = 1024 * 1024;

    public async Task Invoke(HttpContext context, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
    {
        var method = context.Request.Method;
        var endpoint = context.GetEndpoint();
        if (!(HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method)) ||
            endpoint?.Metadata.GetMetadata<IHttpMethodMetadata>() is null) // pages (Razor) and the status pages guard their own forms
        {
            await next(context);
            return;
        }
        var requestType = endpoint.Metadata.GetOrderedMetadata<IAcceptsMetadata>().Select(a => a.RequestType).FirstOrDefault(t => t is not null);
        if (requestType is null)
        {
            if (endpoint.Metadata.GetMetadata<ReadsMultipartFormAttribute>() is null && await HasBodyAsync(context))
            {
                await Refuse(context, Problems.Create(400, "request.body_not_allowed", "Yêu cầu không hợp lệ",
                    "Thao tác này không nhận nội dung: hãy gửi yêu cầu không kèm nội dung (body)."));
                return;
            }
            await next(context);
            return;
        }

        if (!IsJson(context.Request.ContentType))
        {
            await Refuse(context, Problems.Create(415, "request.unsupported_media_type", "Định dạng không được hỗ trợ",
                "Nội dung phải được gửi dưới dạng JSON mã hóa UTF-8 (Content-Type: application/json)."));
            return;
        }
        if (context.Request.ContentLength > MaxJsonBytes)
        {
            await Refuse(context, TooLarge);
            return;
        }
        var size = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (size is { IsReadOnly: false }) size.MaxRequestBodySize = MaxJsonBytes;

        context.Request.EnableBuffering();
        var length = await LengthAsync(context.Request.Body, context.RequestAborted);
        context.Request.Body.Position = 0;
        if (length > MaxJsonBytes)
        {
            await Refuse(context, TooLarge);
            return;
        }
        var refusal = length == 0
            ? RequestJson.BodyRequired
            : await RequestJson.CheckAsync(context.Request.Body, requestType, json.Value.SerializerOptions, context.RequestAborted);
        context.Request.Body.Position = 0;
        if (refusal is not null)
        {
            await Refuse(context, refusal);
            return;
        }
        await next(context);
    }

    private static Microsoft.AspNetCore.Mvc.ProblemDetails TooLarge => Problems.Create(413, "request.too_large", "Dữ liệu quá lớn",
        $"Nội dung gửi lên vượt quá {MaxJsonBytes / 1024 / 1024} MB.");

    /// <summary>JSON media types, in UTF-8 (the only encoding System.Text.Json reads); a missing content type is not JSON.</summary>
    public static bool IsJson(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media) || media.MediaType.Value is not { } type) return false;
        var json = type.Equals("application/json", StringComparison.OrdinalIgnoreCase)
                   || type.Equals("text/json", StringComparison.OrdinalIgnoreCase)
                   || (type.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && type.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
        var charset = media.Charset.Value;
        return json && (string.IsNullOrEmpty(charset) || charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
                                                      || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Whether the request carries at least one byte of body (a declared length, or a chunked body that holds data).</summary>
    private static async Task<bool> HasBodyAsync(HttpContext context)
    {
        if (context.Request.ContentLength is { } declared) return declared > 0;
        if (context.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: false }) return false;
        var one = new byte[1];
        return await context.Request.Body.ReadAsync(one, context.RequestAborted) > 0;
    }

    /// <summary>Reads at most one buffer past the limit and answers the length read.</summary>
    private static async Task<long> LengthAsync(Stream body, CancellationToken ct)
    {
        var buffer = new byte[64 * 1024];
        long length = 0;
        int read;
        while ((read = await body.ReadAsync(buffer, ct)) > 0)
        {
            length += read;
            if (length > MaxJsonBytes) return length;
        }
        return length;
    }

    internal static async Task Refuse(HttpContext context, Microsoft.AspNetCore.Mvc.ProblemDetails problem)
    {
        context.Response.StatusCode = problem.Status!.Value;
        problem.Extensions["traceId"] = context.TraceIdentifier;
        await context.Response.WriteAsJsonAsync(problem, (JsonSerializerOptions?)null, Problems.ContentType);
    }
}

/// <summary>Marks an endpoint that reads its own multipart form (an upload), so that the body guard leaves its body to it.
/// Endpoint metadata, not <c>[Consumes]</c>: the router would answer a wrong content type with 415 before the caller's
/// sign-in and roles are checked.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ReadsMultipartFormAttribute : Attribute;
