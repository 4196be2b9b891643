using Microsoft.OpenApi;
using NodaTime;
using Scalar.AspNetCore;

namespace HtxFund.Infrastructure.OpenApi;

/// <summary>OpenAPI document at <c>/openapi/v1.json</c> and a browsable reference (Scalar) at <c>/api-docs</c>.</summary>
public static class OpenApiSetup
{
    private static readonly Dictionary<Type, (string Format, string Example)> NodaFormats = new()
    {
        [typeof(LocalDate)] = ("date", "2026-11-22"),
        [typeof(LocalDate?)] = ("date", "2026-11-22"),
        [typeof(Instant)] = ("date-time", "2026-11-22T03:00:00Z"),
        [typeof(Instant?)] = ("date-time", "2026-11-22T03:00:00Z"),
    };

    public static IServiceCollection AddHtxFundOpenApi(this IServiceCollection services)
    {
        services.AddOpenApi("v1", o =>
        {
            o.AddDocumentTransformer((doc, _, _) =>
            {
                doc.Info = new OpenApiInfo
                {
                    Title = "HtxFund API",
                    Version = "v1",
                    Description = "Hệ thống quản lý cho vay của Quỹ hỗ trợ phát triển hợp tác xã. " +
                                  "Errors are RFC 9457 ProblemDetails with a stable `code`; dates are ISO 8601 (yyyy-MM-dd); " +
                                  "money is whole VND (đồng) as integers. Authenticate with POST /api/auth/login and send " +
                                  "`Authorization: Bearer <accessToken>`. Every request is checked before any endpoint runs: a JSON " +
                                  "command needs `Content-Type: application/json` in UTF-8 (else 415 `request.unsupported_media_type`); " +
                                  "a body that cannot be read (wrong type at any depth, a date that is not a calendar date or lies " +
                                  "outside 1900-2100, text with control characters, Unicode noncharacters or lone surrogates, text " +
                                  "over 4000 characters, a list holding null) is 400 `validation_failed` with `fieldCodes` keyed by the " +
                                  "field's path (e.g. `proposal.startDate`); a command without a request body refuses one (400 " +
                                  "`request.body_not_allowed`); query strings and route values follow the same text rule; the empty " +
                                  "GUID as an id is 404.",
                };
                return Task.CompletedTask;
            });
            o.AddSchemaTransformer((schema, context, _) =>
            {
                if (NodaFormats.TryGetValue(context.JsonTypeInfo.Type, out var format))
                {
                    schema.Type = JsonSchemaType.String;
                    schema.Format = format.Format;
                    schema.Properties?.Clear();
                }
                // a repayment's split is written by its own converter: whole đồng per part and the sums
                if (context.JsonTypeInfo.Type == typeof(HtxFund.Lending.PaymentAllocation))
                {
                    schema.Type = JsonSchemaType.Object;
                    schema.Properties = HtxFund.Loans.PaymentAllocationJson.Members.ToDictionary(m => m,
                        IOpenApiSchema (_) => new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64" });
                    schema.Required = HtxFund.Loans.PaymentAllocationJson.Members.ToHashSet();
                }
                return Task.CompletedTask;
            });
        });
        return services;
    }

    public static WebApplication MapHtxFundOpenApi(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapScalarApiReference("/api-docs", o =>
        {
            o.Title = "HtxFund API";
            o.OpenApiRoutePattern = "/openapi/{documentName}.json";
        }).AllowAnonymous();
        return app;
    }
}
