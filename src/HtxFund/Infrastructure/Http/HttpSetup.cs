using System.Text.Json;
using JasperFx;
using JasperFx.Events;
using Marten.Exceptions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Serilog;
using Wolverine.Http;

using HtxFund.Infrastructure.Http.Idempotency;

namespace HtxFund.Infrastructure.Http;

public static class HttpSetup
{
    public static IServiceCollection AddHtxFundHttp(this IServiceCollection services)
    {
        services.AddHtxFundIdempotency();
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            var problem = ctx.ProblemDetails;
            var status = problem.Status ?? ctx.HttpContext.Response.StatusCode;
            var (code, title, detail) = Problems.ForStatus(status);
            // Wolverine's refusal of a query-string or header value it cannot parse (RejectUnparseable*Values) names the
            // parameter: answered like every other field refusal.
            if (!problem.Extensions.ContainsKey("code") && status == 400 && problem.Extensions.TryGetValue("parameter", out var parameter)
                && parameter is string name)
            {
                var field = Problems.Validation(name, "value.invalid",
                    $"Không đọc được giá trị của tham số {name}: giá trị không đúng kiểu (số trong giới hạn, mã định danh, true/false…).");
                problem.Title = field.Title;
                problem.Detail = field.Detail;
                problem.Type = field.Type;
                foreach (var (key, value) in field.Extensions) problem.Extensions[key] = value;
                problem.Extensions.Remove("parameter");
            }
            if (!problem.Extensions.ContainsKey("code"))
            {
                problem.Extensions["code"] = code;
                problem.Title = title;
                problem.Detail ??= detail;
                problem.Type = $"https://htxfund.vn/problems/{code}";
            }
            problem.Extensions["traceId"] = ctx.HttpContext.TraceIdentifier;
        });
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.Configure<FormOptions>(o => o.MultipartBodyLengthLimit = 20 * 1024 * 1024);
        return services;
    }

    public static WebApplication UseHtxFundHttp(this WebApplication app)
    {
        if (app.Configuration.GetValue<bool>("HtxFund:Http:ForwardedHeaders"))
        {
            // Behind a reverse proxy on the same host: take the client address and scheme from X-Forwarded-*
            // (ASP.NET Core trusts only loopback proxies by default), so login rate limits see real clients.
            app.UseForwardedHeaders(new ForwardedHeadersOptions
            {
                ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto,
            });
        }
        app.UseSerilogRequestLogging(o =>
        {
            o.MessageTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0} ms";
            o.EnrichDiagnosticContext = (diagnostics, context) =>
            {
                diagnostics.Set("Fund", context.User.FindFirst(Identity.HtxClaims.Fund)?.Value ?? "");
                diagnostics.Set("UserId", context.User.FindFirst(Identity.HtxClaims.UserId)?.Value ?? "");
                diagnostics.Set("TraceId", context.TraceIdentifier);
            };
        });
        app.UseExceptionHandler();
        // The API answers bare status codes with ProblemDetails; pages answer them with a Vietnamese HTML page.
        app.UseWhen(ctx => !Web.WebSetup.IsPagePath(ctx.Request.Path), b => b.UseStatusCodePages());
        app.UseWhen(ctx => Web.WebSetup.IsPagePath(ctx.Request.Path), b => b.UseStatusCodePagesWithReExecute("/loi/{0}"));
        app.UseMiddleware<SecurityHeadersMiddleware>();
        return app;
    }

    /// <summary>The edge guards, after authentication and before the idempotency middleware and every endpoint or page:
    /// route values, query strings and page forms (<see cref="RequestTargetGuardMiddleware"/>), then request bodies
    /// (<see cref="RequestBodyGuardMiddleware"/>). See docs/bad-input.md.</summary>
    public static IApplicationBuilder UseHtxFundRequestGuards(this IApplicationBuilder app) =>
        app.UseMiddleware<RequestTargetGuardMiddleware>().UseMiddleware<RequestBodyGuardMiddleware>();

    public static WebApplication MapHtxFundEndpoints(this WebApplication app)
    {
        app.MapWolverineEndpoints(opts =>
        {
            // The user's fund is the Marten tenant of every session; it only ever comes from the
            // authenticated user's claim, never from the body, a header or the query string.
            opts.TenantId.IsClaimTypeNamed(Identity.HtxClaims.Fund);
            // every command with a nested validator is checked before anything is loaded
            opts.AddPolicy<CommandValidationPolicy>();
            // the capital commands take the fund's capital lock before their stream's version is read
            opts.AddPolicy<Capital.FundCapitalLockPolicy>();
            // '?page=abc' is a 400 ProblemDetails, not a silent default.
            opts.RejectUnparseableQueryValues = true;
            opts.RejectUnparseableHeaderValues = true;
        });
        return app;
    }
}

/// <summary>Turns exceptions into ProblemDetails: malformed input is 400, concurrency is 409, a database that cannot be
/// reached or has no disk space left is 503 with <c>Retry-After</c> (<see cref="DatabaseFailures"/>), the rest 500.</summary>
internal sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        var problem = Map(exception, context);
        if (DatabaseFailures.RetryAfterSeconds(problem) is { } retryAfter)
        {
            // Expected during a database restart or a full disk: one line, no stack trace; the client retries.
            logger.LogWarning("Database unavailable for {Method} {Path} ({Code}): {Message}", context.Request.Method, context.Request.Path,
                problem.Extensions["code"], DatabaseFailures.Describe(exception));
            context.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        else if (problem.Status >= 500)
        {
            logger.LogError(exception, "Unhandled exception for {Method} {Path}", context.Request.Method, context.Request.Path);
        }
        else
        {
            logger.LogInformation("Request refused with {Code}: {Message}", problem.Extensions["code"], exception.Message);
        }
        context.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context, ProblemDetails = problem, Exception = exception,
        });
    }

    private static ProblemDetails Map(Exception exception, HttpContext context) => exception switch
    {
        // A multipart body that ends early or is malformed fails inside ReadFormAsync: the client's fault, not ours.
        InvalidDataException { Message: var m } when m.Contains("limit", StringComparison.OrdinalIgnoreCase) && context.Request.HasFormContentType =>
            Problems.Create(413, "request.too_large", "Dữ liệu quá lớn", "Nội dung gửi lên vượt quá kích thước cho phép."),
        InvalidDataException or IOException and not BadHttpRequestException
            when context.Request.HasFormContentType && !context.RequestAborted.IsCancellationRequested =>
            Problems.Create(400, "request.malformed_form", "Yêu cầu không hợp lệ",
                "Nội dung multipart/form-data không đúng định dạng hoặc bị cắt ngang."),
        BadHttpRequestException { InnerException: TextRefusedException inner } => TextRefused(inner),
        TextRefusedException text => TextRefused(text),
        BadHttpRequestException { InnerException: JsonException } or JsonException =>
            Problems.Create(400, "request.malformed_json", "Dữ liệu không hợp lệ", "Nội dung JSON không đúng định dạng."),
        BadHttpRequestException { StatusCode: 413 } =>
            Problems.Create(413, "request.too_large", "Dữ liệu quá lớn", "Nội dung gửi lên vượt quá kích thước cho phép."),
        BadHttpRequestException { StatusCode: 415 } =>
            Problems.Create(415, "request.unsupported_media_type", "Định dạng không được hỗ trợ", "Kiểu nội dung gửi lên không được hỗ trợ."),
        BadHttpRequestException bad =>
            Problems.Create(bad.StatusCode, "request.malformed", "Yêu cầu không hợp lệ", "Yêu cầu không đúng định dạng."),
        _ when Database.StreamConflicts.IsConflict(exception) =>
            Problems.Conflict("concurrency.conflict", "Dữ liệu đã bị thay đổi bởi một thao tác khác. Vui lòng tải lại và thử lại."),
        MartenCommandException { InnerException: PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } } or
            PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } or DocumentAlreadyExistsException =>
            Problems.Conflict("duplicate", "Dữ liệu đã tồn tại."),
        _ when DatabaseFailures.Classify(exception) is { } failure => DatabaseFailures.Problem(failure),
        _ => Problems.Create(500, "server_error", "Lỗi hệ thống", "Đã xảy ra lỗi ngoài dự kiến. Vui lòng thử lại sau."),
    };

    private static ProblemDetails TextRefused(TextRefusedException text) =>
        Problems.Create(400, InputText.Code(text.Fault), "Dữ liệu không hợp lệ", InputText.Message(text.Fault));
}

/// <summary>Conservative security headers on every response.</summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public Task Invoke(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers["X-Content-Type-Options"] = "nosniff";
            headers["X-Frame-Options"] = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            var path = context.Request.Path;
            if (!path.StartsWithSegments("/api-docs") && !path.StartsWithSegments("/hangfire") && !path.StartsWithSegments("/scalar"))
            {
                headers["Content-Security-Policy"] =
                    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";
            }
            return Task.CompletedTask;
        });
        return next(context);
    }
}
